package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.parser.CoreParser;
import org.kpaudit.testing.Samples;

/** Runs one scan check over a core. */
final class ScanCheckTesting {

    private ScanCheckTesting() {
    }

    static ScanResult scan(Path core, ScanOptions opt) throws IOException {
        try (MemoryImage img = CoreParser.open(core)) {
            return PatchScanner.scan(img, opt);
        }
    }

    static ScanResult sample(String core) throws IOException {
        return scan(Samples.path(core), ScanOptions.NONE);
    }

    /** The findings of {@code check} alone. */
    static List<Finding> findings(ScanCheck check, ScanResult r) {
        List<Finding> out = new java.util.ArrayList<>();
        check.check(r, new org.kpaudit.analyzer.Findings(check.rule(), out));
        return out;
    }
}
