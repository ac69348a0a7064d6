package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.Samples;

class ImageIncompleteCheckTest {

    private final ImageIncompleteCheck check = new ImageIncompleteCheck();
    private static final String CORE = "forensics/inline-hook/core-clean";

    @Test
    void aWholeCoreIsComplete() throws Exception {
        assertThat(findings(check, ScanCheckTesting.sample(CORE))).isEmpty();
    }

    @Test
    void aTruncatedCoreSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(Samples.path(CORE));
        Path cut = dir.resolve("core-cut");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2)); // a disk that filled up while dumping
        ScanResult r = ScanCheckTesting.scan(cut, ScanOptions.NONE);
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SC203");
            assertThat(f.kind()).isEqualTo(Finding.Kind.UNVERIFIED);
            assertThat(f.message()).contains("could not be examined");
        });
    }
}
