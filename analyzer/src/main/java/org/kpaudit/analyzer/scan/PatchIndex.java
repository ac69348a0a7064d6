package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.KpatchParser;

/**
 * The {@code .kpatch} files of a folder (searched recursively; a file counts by its magic, not
 * its name: storage layouts name them {@code <bid>.kpatch} or {@code <bid>/<level>/kpatch.bin}),
 * indexed by header build-id and id.
 */
final class PatchIndex {

    /** Deepest folder level searched. */
    static final int MAX_DEPTH = 8;

    /** Most files looked at. */
    static final int MAX_FILES = 100_000;

    record Entry(Path path, KpatchFile patch) {
    }

    private final Map<String, Entry> byKey;

    private PatchIndex(Map<String, Entry> byKey) {
        this.byKey = byKey;
    }

    static PatchIndex of(Path dir, List<Problem> warnings) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, MAX_DEPTH)) {
            files = s.filter(Files::isRegularFile).limit(MAX_FILES).sorted().toList();
        }
        byte[] magic = KpatchParser.MAGIC;
        for (Path f : files) {
            byte[] head;
            try (InputStream in = Files.newInputStream(f)) {
                head = in.readNBytes(magic.length);
            } catch (IOException e) {
                continue;
            }
            if (!Arrays.equals(head, magic)) {
                continue;
            }
            try {
                KpatchFile k = KpatchParser.parse(f);
                String key = key(k.header().buildId(), k.header().id());
                Entry prev = out.putIfAbsent(key, new Entry(f, k));
                if (prev != null) {
                    warnings.add(new Problem(f.toString(), -1, "same build-id and id as " + prev.path()
                            + "; applied patches are compared with that one"));
                }
            } catch (MalformedFileException e) {
                warnings.add(e.problem());
            } catch (IOException e) {
                warnings.add(new Problem(f.toString(), -1, "cannot read: " + e.getMessage()));
            }
        }
        return new PatchIndex(out);
    }

    Entry find(String buildId, String id) {
        return byKey.get(key(buildId, id));
    }

    private static String key(String buildId, String id) {
        return buildId + "/" + (id == null ? "" : id);
    }
}
