package org.kpaudit.analyzer.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.CheckRegistry;
import org.kpaudit.analyzer.FileNameFacts;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.PolicyException;
import org.kpaudit.analyzer.livepatch.LivepatchSubject;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.parser.LivepatchParser;

/**
 * Fuzz tests of the analyzer's entry points: the policy YAML, and every check run directly
 * (not through the runner, which turns a crashing check into a tool notification) on whatever the
 * parser accepts. A malformed part read lazily may fail with {@link MalformedFileException}; any
 * other exception is a bug.
 */
class AnalyzerFuzzTest {

    static final String BUDGET = "5m";

    @FuzzTest(maxDuration = BUDGET)
    void policy(byte[] data) {
        try {
            Policy.parse("fuzz.yaml", new String(data, StandardCharsets.UTF_8));
        } catch (PolicyException expected) {
            // a clear usage error is the right answer to a bad policy
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    @SuppressWarnings("unchecked")
    void kpatchChecks(byte[] data) {
        KpatchFile k;
        try {
            k = KpatchParser.parse("fuzz.kpatch", ByteBuffer.wrap(data));
        } catch (MalformedFileException expected) {
            return;
        }
        PatchSubject s = new PatchSubject("fuzz.kpatch", k, FileNameFacts.of("fuzz.kpatch"), null,
                PatchSubject.TargetStatus.NOT_GIVEN, Policy.defaults());
        for (Check<?> c : CheckRegistry.all()) {
            if (c.rule().subject().equals("patch")) {
                run((Check<PatchSubject>) c, s);
            }
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    @SuppressWarnings("unchecked")
    void livepatchChecks(byte[] data) {
        LivepatchModule m;
        try {
            m = LivepatchParser.parse("fuzz.ko", ByteBuffer.wrap(data));
        } catch (MalformedFileException expected) {
            return;
        }
        LivepatchSubject s = new LivepatchSubject(m, List.of());
        for (Check<?> c : CheckRegistry.all()) {
            if (c.rule().subject().equals(LivepatchSubject.KIND)) {
                run((Check<LivepatchSubject>) c, s);
            }
        }
    }

    /** One scratch file per JVM: the core parser reads files through a FileChannel. */
    private static java.nio.file.Path scratch;

    @FuzzTest(maxDuration = BUDGET)
    void coreScan(byte[] data) throws java.io.IOException {
        if (scratch == null) {
            scratch = java.nio.file.Files.createTempFile("kpaudit-fuzz-", ".core");
            scratch.toFile().deleteOnExit();
        }
        java.nio.file.Files.write(scratch, data);
        try (org.kpaudit.parser.CoreImage img = org.kpaudit.parser.CoreParser.open(scratch)) {
            org.kpaudit.analyzer.scan.ScanResult r = org.kpaudit.analyzer.scan.PatchScanner.scan(img,
                    org.kpaudit.analyzer.scan.ScanOptions.NONE);
            org.kpaudit.analyzer.scan.ScanChecks.run(r);
        } catch (MalformedFileException expected) {
            // a clear error is the right answer to a malformed core
        }
    }

    private static <S> void run(Check<S> c, S subject) {
        List<Finding> out = new ArrayList<>();
        try {
            c.check(subject, new Findings(c.rule(), out));
        } catch (MalformedFileException expected) {
            // a lazily read part of the file is malformed: reported as a tool error, fine
        }
    }
}
