package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchRegionWriter;
import org.kpaudit.testing.SyntheticProcess;

class OrphanRegionCheckTest {

    private final OrphanRegionCheck check = new OrphanRegionCheck();

    @Test
    void regionOfAMappedObjectIsNotAnOrphan() throws Exception {
        assertThat(check.rule().id()).isEqualTo("SC104");
        assertThat(findings(check, ScanCheckTesting.sample("libcare/b_shared_lib/runtime/core-2-patched"))).isEmpty();
    }

    @Test
    void regionOfAnUnloadedLibraryIsAnOrphan(@TempDir Path dir) throws Exception {
        // a patch for a library that is no longer mapped: its build-id matches nothing, its record points
        // into memory no object covers
        String gone = "ffeeddccbbaa99887766554433221100ffeeddcc";
        PatchRegionWriter region = new PatchRegionWriter(0x7f1000100000L, "G1", gone, ElfWriter.EM_X86_64);
        region.changed("gone_fn", 0x7f3000001000L, 32, 16, SyntheticProcess.ORIGINAL);
        SyntheticProcess p = new SyntheticProcess().region(region, region.build());
        ScanResult r = ScanCheckTesting.scan(p.write(dir.resolve("core")), ScanOptions.NONE);
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.location().patch()).isEqualTo("G1");
            assertThat(f.message()).contains("(patch G1, build-id " + gone + ") belongs to no mapped object");
        });
    }
}
