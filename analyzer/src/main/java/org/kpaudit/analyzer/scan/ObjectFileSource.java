package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kpaudit.parser.ElfParser;

/**
 * Where the file of a mapped object can be found by its GNU build-id, when the core names a
 * path that is not on this machine (cores usually come from other machines): a folder of
 * candidate files, a {@code .build-id} tree, a debuginfod server. The scanner checks the build-id
 * of whatever it is given before using it.
 */
@FunctionalInterface
public interface ObjectFileSource {

    /**
     * A file claimed to have this build-id, with how it was found, or empty when this place has
     * none; an {@link IOException} says why looking failed (a server's error, a limit, a file of
     * another build-id), and its message is shown as the reason the object was not verified.
     */
    Optional<Located> find(String buildId) throws IOException;

    /** Where this source looks, for the notes of objects it did not have ("--debug-dir /x"). */
    default String describe() {
        return "the given places";
    }

    /** A file and how it was found (shown in reports). */
    record Located(Path path, String how) {
    }

    /**
     * The ELF files among {@code candidates} (read lazily, once), by build-id: what {@code audit}
     * uses for the cores under its paths, whose objects are often among the targets there.
     */
    static ObjectFileSource among(List<Path> candidates, String how) {
        List<Path> files = new ArrayList<>(candidates);
        Map<String, Path> index = new LinkedHashMap<>();
        boolean[] built = {false};
        return new ObjectFileSource() {
            @Override
            public Optional<Located> find(String bid) {
                return lookup(bid);
            }

            @Override
            public String describe() {
                return "the " + files.size() + " " + how + " file(s)";
            }

            private Optional<Located> lookup(String bid) {
                if (!built[0]) {
                    built[0] = true;
                    for (Path p : files) {
                        try {
                            ElfParser.parse(p).buildId().ifPresent(b -> index.putIfAbsent(b, p));
                        } catch (IOException | RuntimeException e) {
                            // not an ELF object kpaudit can read: not a candidate
                        }
                    }
                }
                Path p = bid == null ? null : index.get(bid);
                return p == null ? Optional.empty() : Optional.of(new Located(p, how + " " + p));
            }
        };
    }
}
