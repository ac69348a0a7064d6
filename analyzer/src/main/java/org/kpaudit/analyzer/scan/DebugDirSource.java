package org.kpaudit.analyzer.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A debug directory as GDB and elfutils read it ({@code --debug-dir}, like {@code /usr/lib/debug}):
 * the file of build-id {@code abcdef...} is {@code <dir>/.build-id/ab/cdef...}, and its separate
 * debug information {@code <dir>/.build-id/ab/cdef....debug} (GDB manual, "Separate Debug Files").
 * Only the first holds the object's code; a {@code .debug} file is offered as well, and the scanner
 * uses a file only when its code is there (debug files carry it as NOBITS).
 */
public final class DebugDirSource implements ObjectFileSource {

    private final Path dir;

    public DebugDirSource(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<Located> find(String buildId) {
        if (!BuildIds.valid(buildId)) {
            return Optional.empty();
        }
        Path base = dir.resolve(".build-id").resolve(buildId.substring(0, 2));
        for (String name : new String[] {buildId.substring(2), buildId.substring(2) + ".debug"}) {
            Path p = base.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(new Located(p, "--debug-dir " + p));
            }
        }
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "--debug-dir " + dir;
    }
}
