package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.CoreBytes;
import org.kpaudit.testing.Samples;

class RegionBuildIdMismatchCheckTest {

    private final RegionBuildIdMismatchCheck check = new RegionBuildIdMismatchCheck();
    private static final String A = "libcare/a_bounds_check/runtime/core-2-patched";

    @Test
    void matchingBuildIdIsFine() throws Exception {
        assertThat(check.rule().id()).isEqualTo("SC103");
        assertThat(findings(check, ScanCheckTesting.sample(A))).isEmpty();
    }

    @Test
    void patchAppliedByFileNameWithAnotherBuildIdInItsHeader(@TempDir Path dir) throws Exception {
        // the region of A0001 (558da327a000, scan.txt) with another build-id in its header (offset 88, V4)
        long region = 0x558da327a000L;
        String other = "5dab96fb6b3137a6302e32bd0fe35ea649033313";
        CoreBytes c = CoreBytes.copy(Samples.path(A), dir.resolve("core"))
                .write(region + 88, other.getBytes(StandardCharsets.US_ASCII));
        ScanResult r = ScanCheckTesting.scan(c.path(), ScanOptions.NONE);
        assertThat(r.regions()).singleElement().satisfies(p -> {
            assertThat(p.object()).isNull();
            assertThat(p.patchedObject().path()).endsWith("/bounds_demo");
        });
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.location().patch()).isEqualTo("A0001");
            assertThat(f.location().byteOffset()).isEqualTo(c.offsetOf(region + 88));
            assertThat(f.location().byteLength()).isEqualTo(41);
            assertThat(f.message()).contains("names build-id " + other)
                    .contains("whose build-id is a089a4f5e43ba0634a4ef66deeef1450ffe24aa4 (read from memory)");
        });
        assertThat(findings(new OrphanRegionCheck(), r)).isEmpty();
    }
}
