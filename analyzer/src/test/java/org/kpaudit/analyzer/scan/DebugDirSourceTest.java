package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

class DebugDirSourceTest {

    private static final String A = "libcare/a_bounds_check/";
    private static final String BID = "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4"; // original/bounds_demo, readelf -n

    @Test
    void theBuildIdTreeIsSearchedLikeGdbDoes(@TempDir Path dir) throws Exception {
        Path link = dir.resolve(".build-id/a0/89a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        Files.createDirectories(link.getParent());
        Files.copy(Samples.path(A + "original/bounds_demo"), link);
        DebugDirSource s = new DebugDirSource(dir);
        assertThat(s.find(BID).orElseThrow().path()).isEqualTo(link);
        assertThat(s.find("5dab96fb6b3137a6302e32bd0fe35ea649033313")).isEmpty();
        assertThat(s.find("../../x")).isEmpty();
        // the scan verifies the object with it
        ScanResult r = ScanCheckTesting.scan(Samples.path(A + "runtime/core-2-patched"),
                new ScanOptions(null, null, List.of(s)));
        assertThat(r.regions().get(0).object().verified()).isTrue();
        assertThat(r.regions().get(0).object().fileSource()).isEqualTo("--debug-dir " + link);
    }

    @Test
    void aSeparateDebugFileHoldsNoCodeAndIsNotUsed(@TempDir Path dir) throws Exception {
        // objcopy --only-keep-debug makes the code sections NOBITS (GDB manual, Separate Debug Files)
        Path debug = dir.resolve(".build-id/a0/89a4f5e43ba0634a4ef66deeef1450ffe24aa4.debug");
        Files.createDirectories(debug.getParent());
        Process p = new ProcessBuilder("objcopy", "--only-keep-debug",
                Samples.path(A + "original/bounds_demo").toString(), debug.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        ScanResult r = ScanCheckTesting.scan(Samples.path(A + "runtime/core-2-patched"),
                new ScanOptions(null, null, List.of(new DebugDirSource(dir))));
        LoadedObject o = r.regions().get(0).object();
        assertThat(o.verified()).isFalse();
        assertThat(o.note()).contains("holds no code (a separate debug file");
        // nothing was compared with it, so no false hook
        assertThat(ScanChecks.run(r)).noneMatch(f -> f.checkId().equals("SC101"));
    }
}
