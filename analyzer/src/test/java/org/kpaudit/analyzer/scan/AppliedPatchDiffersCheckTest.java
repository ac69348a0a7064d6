package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.Section;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.testing.Samples;

class AppliedPatchDiffersCheckTest {

    private final AppliedPatchDiffersCheck check = new AppliedPatchDiffersCheck();
    private static final String A = "libcare/a_bounds_check/";
    private static final String PATCH = A + "patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch";

    @Test
    void appliedPatchesEqualTheirFiles() throws Exception {
        assertThat(check.rule().id()).isEqualTo("SC105");
        ScanResult a = ScanCheckTesting.scan(Samples.path(A + "runtime/core-2-patched"),
                new ScanOptions(null, Samples.path(A + "patch")));
        assertThat(a.regions().get(0).disk().same()).isTrue();
        assertThat(findings(check, a)).isEmpty();
        // a library patch with imports (relocations against the jump table in its new code)
        ScanResult b = ScanCheckTesting.scan(Samples.path("libcare/b_shared_lib/runtime/core-2-patched"),
                new ScanOptions(null, Samples.path("libcare/b_shared_lib/patch")));
        assertThat(b.regions().get(0).disk().same()).isTrue();
        // the three levels of f share one file name (the build-id) and differ by id
        ScanResult f = ScanCheckTesting.scan(Samples.path("libcare/f_incremental_stacked/runtime-chain/core-all-applied"),
                new ScanOptions(null, Samples.path("libcare/f_incremental_stacked")));
        assertThat(f.regions()).allSatisfy(p -> assertThat(p.disk().same()).as(p.label()).isTrue());
        assertThat(findings(check, f)).isEmpty();
    }

    @Test
    void aChangedByteOfTheNewCodeIsADifference(@TempDir Path dir) throws Exception {
        byte[] file = Files.readAllBytes(Samples.path(PATCH));
        KpatchFile k = KpatchParser.parse(Samples.path(PATCH));
        Section text = k.elf().section(".kpatch.text").orElseThrow();
        int at = (int) (k.header().kpatchOffset() + text.offset());
        file[at] ^= 0x01; // first byte of lookup_slot.kpatch (no relocation there: its one PC32 is further in)
        Files.write(dir.resolve("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"), file);
        ScanResult r = ScanCheckTesting.scan(Samples.path(A + "runtime/core-2-patched"), new ScanOptions(null, dir));
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.location().patch()).isEqualTo("A0001");
            assertThat(f.message()).contains("section .kpatch.text: 1 byte differs outside relocations, first at +0x0");
        });
    }

    @Test
    void anotherBuildUnderTheSameIdIsADifference(@TempDir Path dir) throws Exception {
        byte[] file = Files.readAllBytes(Samples.path(PATCH));
        file[136] ^= 0x01; // build_time (V4 offset 136)
        Files.write(dir.resolve("x.kpatch"), file);
        ScanResult r = ScanCheckTesting.scan(Samples.path(A + "runtime/core-2-patched"), new ScanOptions(null, dir));
        assertThat(findings(check, r)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("header build_time: 1795418603 applied"));
    }
}
