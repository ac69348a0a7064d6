package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.kpaudit.model.Problem;

/**
 * Expands a directory argument into its regular files: recursive, sorted; links to files are read,
 * links to directories are not followed (no loops).
 */
public final class InputFiles {

    /** Deepest directory level read below an argument. */
    public static final int MAX_DEPTH = 64;

    private InputFiles() {
    }

    /** A usage error unless each given (non-null) directory option names a directory. */
    static void requireDirectories(picocli.CommandLine cl, Path... dirs) {
        for (Path d : dirs) {
            if (d != null && !Files.isDirectory(d)) {
                throw new picocli.CommandLine.ParameterException(cl, d + " is not a directory");
            }
        }
    }

    public static List<Path> walk(Path dir, List<Problem> problems) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            // regular files, and links to regular files (links to directories are not followed)
                            if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                                out.add(file);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            problems.add(new Problem(file.toString(), -1, "cannot read: "
                                    + InspectCommand.ioReason(e)));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), -1, "cannot read: " + InspectCommand.ioReason(e)));
        }
        out.sort(null);
        return out;
    }
}
