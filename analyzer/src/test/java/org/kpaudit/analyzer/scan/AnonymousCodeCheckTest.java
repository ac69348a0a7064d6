package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.SyntheticProcess;

class AnonymousCodeCheckTest {

    private final AnonymousCodeCheck check = new AnonymousCodeCheck();

    @Test
    void patchRegionsAndTheVdsoAreNotAnonymousCode() throws Exception {
        // a_bounds_check's patched core: the patch region is r-x anonymous, and explained by its KPATCH1 header
        ScanResult r = ScanCheckTesting.sample("libcare/a_bounds_check/runtime/core-2-patched");
        assertThat(r.regions()).hasSize(1);
        assertThat(findings(check, r)).isEmpty();
    }

    @Test
    void theRwxPayloadPageOfTheHookDemoIsReported() throws Exception {
        // samples/forensics/inline-hook/README.md: payload page rwx at 0x55d1fbf5c000, b8 01 00 00 00 c3
        ScanResult r = ScanCheckTesting.sample("forensics/inline-hook/core-clean");
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SC107");
            assertThat(f.message()).contains("writable and executable (rwx) mapping 0x55d1fbf5c000-0x55d1fbf5d000")
                    .contains("4096 bytes").contains("starts with b8 01 00 00 00 c3").doesNotContain("hook(s)");
        });
        ScanResult hooked = ScanCheckTesting.sample("forensics/inline-hook/core-hooked");
        assertThat(findings(check, hooked)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("1 hook(s) found jump into it (SC101)"));
    }

    @Test
    void anExecutableMappingOfZerosIsNotCode(@TempDir Path dir) throws Exception {
        Path core = new SyntheticProcess().anonymous(0x7f3000000000L, "rwx", new byte[4096]).write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(r.anonymousCode()).singleElement().satisfies(a -> assertThat(a.holdsCode()).isFalse());
        assertThat(findings(check, r)).isEmpty();
    }
}
