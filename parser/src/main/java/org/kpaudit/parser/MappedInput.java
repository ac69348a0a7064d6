package org.kpaudit.parser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;

/** Maps an input file read-only. The mapping outlives the channel, so nothing stays open. */
public final class MappedInput {

    /** Largest file mapped whole: one Java buffer holds at most 2 GiB - 1. */
    public static final long MAX_MAPPED = Integer.MAX_VALUE;

    private MappedInput() {
    }

    public static ByteBuffer map(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new MalformedFileException(new Problem(path.toString(), -1, "is a directory"));
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_MAPPED) {
                throw new MalformedFileException(new Problem(path.toString(), -1, "file is " + size
                        + " bytes; kpaudit parses objects of at most 2 GiB (2147483647 bytes)"));
            }
            if (size == 0) {
                return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }
}
