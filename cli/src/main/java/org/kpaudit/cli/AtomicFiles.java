package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Temporary files for atomic replacement: beside the target, created with the user's umask. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes {@code target} through a temporary file beside it, moved over it when complete (UTF-8). */
    static void write(Path target, OutputOptions.Body body) throws IOException {
        Path tmp = tempBeside(target);
        try {
            try (java.io.Writer w = new java.io.OutputStreamWriter(Files.newOutputStream(tmp),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                body.write(w);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A new empty file {@code .NAME.RANDOM.tmp} in the target's directory (never elsewhere). */
    static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int i = 0; ; i++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (i > 8) {
                    throw e;
                }
            }
        }
    }
}
