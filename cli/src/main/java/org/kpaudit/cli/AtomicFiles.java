package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Temporary files for atomic replacement: beside the target, created with the user's umask. */
final class AtomicFiles {

    private AtomicFiles() {
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
