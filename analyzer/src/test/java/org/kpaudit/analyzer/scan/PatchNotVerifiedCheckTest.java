package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchRegionWriter;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.SyntheticProcess;

class PatchNotVerifiedCheckTest {

    private final PatchNotVerifiedCheck check = new PatchNotVerifiedCheck();
    private static final String A = "libcare/a_bounds_check/";

    @Test
    void withTheTargetFoundByBuildIdThePatchIsVerified() throws Exception {
        // original/bounds_demo has build-id a089a4f5... (readelf -n), the one the core maps
        ObjectFileSource files = ObjectFileSource.among(List.of(Samples.path(A + "original/bounds_demo")), "test");
        ScanResult r = ScanCheckTesting.scan(Samples.path(A + "runtime/core-2-patched"),
                new ScanOptions(null, null, List.of(files)));
        assertThat(r.regions().get(0).object().verified()).isTrue();
        assertThat(r.entriesVerified()).isEqualTo(r.functions().size()).isPositive();
        assertThat(findings(check, r)).isEmpty();
    }

    @Test
    void withoutTheTargetTheSavedBytesAreSaidNotCompared() throws Exception {
        ScanResult r = ScanCheckTesting.sample(A + "runtime/core-2-patched");
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SC202");
            assertThat(f.kind()).isEqualTo(Finding.Kind.UNVERIFIED);
            assertThat(f.location().patch()).isEqualTo("A0001");
            // libcare-ctl-info-patched.txt: A0001 patches lookup_slot
            assertThat(f.message()).contains("lookup_slot: the saved original bytes")
                    .contains("file of bounds_demo not available");
        });
    }

    @Test
    void anEntryNotInTheCoreIsListed(@TempDir Path dir) throws Exception {
        long undumped = 0x7f2000001000L;
        PatchRegionWriter w = new PatchRegionWriter(0x7f1000100000L, "U1", SyntheticProcess.BUILD_ID,
                ElfWriter.EM_X86_64);
        w.changed("far_fn", undumped + 0x40, 32, 16, SyntheticProcess.ORIGINAL);
        SyntheticProcess sp = new SyntheticProcess().region(w, w.build());
        sp.core().file(0x7f2000000000L, 0x7f2000004000L, 0, "/opt/demo/other.so");
        ScanResult r = ScanCheckTesting.scan(sp.write(dir.resolve("core")), ScanOptions.NONE);
        assertThat(findings(check, r)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("far_fn: entry bytes at 0x7f2000001040 not readable (not in core: mapped from"
                        + " /opt/demo/other.so (NT_FILE) but not dumped)"));
    }
}
