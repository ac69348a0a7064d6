package org.kpaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where the benchmarks find their inputs: a path given with -p, or the machine's biggest shared library. */
public final class BenchTargets {

    private BenchTargets() {
    }

    public static Path largeElf(String given) throws IOException {
        if (given != null && !given.isEmpty()) {
            return Path.of(given);
        }
        String env = System.getenv("KPAUDIT_BENCH_ELF");
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        Path best = null;
        long bestSize = -1;
        for (String root : List.of("/usr/lib", "/lib", "/usr/local/lib", "/opt", System.getProperty("user.home"))) {
            Path r = Path.of(root);
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(r, 12)) {
                Path p = s.filter(f -> f.getFileName().toString().contains(".so"))
                        .filter(Files::isRegularFile)
                        .max(Comparator.comparingLong(BenchTargets::size)).orElse(null);
                if (p != null && size(p) > bestSize) {
                    best = p;
                    bestSize = size(p);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable corner of the tree: look elsewhere
            }
        }
        if (best == null) {
            throw new IOException("no shared library found; pass -p file=PATH");
        }
        return best;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
