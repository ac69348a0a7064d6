package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.model.LayoutVersion;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchRegionWriter;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.SyntheticProcess;

/** The scanner on synthetic cores: what the real cores do not show. */
class SyntheticScanTest {

    static final long REGION = 0x7f1000100000L;

    @Test
    void aarch64PatchUsesTheBranchAndFourSavedBytes(@TempDir Path dir) throws Exception {
        PatchRegionWriter w = new PatchRegionWriter(REGION, "R1", SyntheticProcess.BUILD_ID, ElfWriter.EM_AARCH64);
        byte[] original = {(byte) 0xfd, 0x7b, (byte) 0xbf, (byte) 0xa9}; // stp x29, x30, [sp, #-16]!
        w.changed("arm_fn", SyntheticProcess.FUNC, 32, 16, original);
        byte[] region = w.build();
        Path core = new SyntheticProcess(SyntheticProcess.BUILD_ID, ElfWriter.EM_AARCH64).region(w, region)
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.branchAarch64(SyntheticProcess.FUNC, w.saddr(0)))
                .anonymous(REGION + region.length, "rw-", new byte[4096]) // a neighbour, not part of the region
                .write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        PatchRegion p = r.regions().get(0);
        assertThat(p.machine().name()).isEqualTo("AARCH64");
        assertThat(p.hunkSize()).isEqualTo(4);
        assertThat(p.size()).isEqualTo(region.length);
        assertThat(p.mappings()).hasSize(1);
        AppliedRecord a = p.records().get(0);
        assertThat(a.entryTarget()).isEqualTo(w.saddr(0));
        // kpatch-format.md 4.3: 0x14000000 | ((saddr - daddr) / 4 & 0x03ffffff)
        long words = (w.saddr(0) - SyntheticProcess.FUNC) / 4;
        assertThat(a.expectedJump()).isEqualTo(java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) (0x14000000 | (words & 0x03ffffff))).array());
        assertThat(a.saved()).isEqualTo(original);
        assertThat(a.state()).isEqualTo(RecordState.ACTIVE);
        assertThat(ScanChecks.run(r)).extracting(Finding::checkId).containsExactly("SC201", "SC202");
    }

    @Test
    void upstreamLayoutIsDetectedInMemory(@TempDir Path dir) throws Exception {
        PatchRegionWriter w = new PatchRegionWriter(REGION, "unused", SyntheticProcess.BUILD_ID, ElfWriter.EM_X86_64)
                .upstreamLayout();
        w.changed("old_fn", SyntheticProcess.FUNC, 32, 16, SyntheticProcess.ORIGINAL);
        byte[] region = w.build();
        SyntheticProcess sp = new SyntheticProcess()
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, w.saddr(0)));
        sp.core().load(REGION, "rwx", region); // upstream LibCare maps the region rwxp
        sp.anonymous(REGION + region.length, "rwx", new byte[4096]); // a neighbour of the same protection
        ScanResult r = ScanCheckTesting.scan(sp.write(dir.resolve("core")), ScanOptions.NONE);
        PatchRegion p = r.regions().get(0);
        assertThat(p.header().layout()).isEqualTo(LayoutVersion.V0);
        // no kpatch_total_mem_sz in V0: the region runs to the end of the contiguous anonymous mappings
        assertThat(p.size()).isEqualTo(region.length + 4096);
        assertThat(p.label()).isEqualTo("region@0x7f1000100000");
        assertThat(p.elfAddress()).isEqualTo(REGION + 688);
        assertThat(p.object().path()).isEqualTo(SyntheticProcess.PATH);
        assertThat(p.records().get(0).state()).isEqualTo(RecordState.ACTIVE);
        assertThat(ScanChecks.run(r)).extracting(Finding::checkId).containsExactly("SC201", "SC202");
    }

    @Test
    void aCopyOfAPatchFileInTheHeapIsNotAnAppliedPatch(@TempDir Path dir) throws Exception {
        byte[] file = Files.readAllBytes(Samples.path(
                "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        byte[] heap = new byte[0x4000];
        System.arraycopy(file, 0, heap, 0x2000, file.length);
        Path core = new SyntheticProcess().anonymous(0x5555_5555_0000L, "rw-", heap).write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(r.regions()).isEmpty();
        assertThat(r.strays()).singleElement().satisfies(s -> {
            assertThat(s.address()).isEqualTo(0x5555_5555_2000L);
            assertThat(s.id()).isEqualTo("A0001");
            assertThat(s.reason()).contains("run-time fields are all zero");
        });
    }

    @Test
    void entryBytesNotInTheCoreAreReportedNotGuessed(@TempDir Path dir) throws Exception {
        // the record patches a function of a file mapping that the core names (NT_FILE) but did not dump
        long undumped = 0x7f2000001000L;
        PatchRegionWriter w = new PatchRegionWriter(REGION, "U1", SyntheticProcess.BUILD_ID, ElfWriter.EM_X86_64);
        w.changed("far_fn", undumped + 0x40, 32, 16, SyntheticProcess.ORIGINAL);
        SyntheticProcess sp = new SyntheticProcess().region(w, w.build());
        sp.core().file(0x7f2000000000L, 0x7f2000004000L, 0, "/opt/demo/other.so");
        ScanResult r = ScanCheckTesting.scan(sp.write(dir.resolve("core")), ScanOptions.NONE);
        AppliedRecord a = r.regions().get(0).records().get(0);
        assertThat(a.entry()).isEmpty();
        assertThat(a.entryTarget()).isNull();
        assertThat(a.entryProblem()).isEqualTo("not in core: mapped from /opt/demo/other.so (NT_FILE) but not dumped");
        assertThat(a.state()).isEqualTo(RecordState.UNKNOWN);
        assertThat(ScanChecks.run(r)).extracting(f -> f.checkId()).doesNotContain("SC101", "SC102");
    }

    @Test
    void hostileRunTimeFieldsBecomeProblemsNotExceptions(@TempDir Path dir) throws Exception {
        PatchRegionWriter w = new PatchRegionWriter(REGION, "H1", SyntheticProcess.BUILD_ID, ElfWriter.EM_X86_64)
                .importEntry(0x7f1000001000L);
        w.changed("demo_fn", SyntheticProcess.FUNC, 32, 16, SyntheticProcess.ORIGINAL);
        byte[] region = w.build();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(region).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(176, 0x7fff_ffff_0000L); // kpatch_total_mem_sz far beyond the mapping
        b.putInt(188, 0xfffffff0);         // user_info outside the region
        b.putInt(184, 0x7ffffff0);         // user_undo outside the region
        b.putInt(504 + 4, 0x7fffffff);     // jump table cur_entry
        Path core = new SyntheticProcess().region(w, region).write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        PatchRegion p = r.regions().get(0);
        assertThat(p.records()).isEmpty();
        assertThat(p.jumpTable()).isNull();
        assertThat(p.problems()).anySatisfy(x -> assertThat(x).startsWith("kpatch_total_mem_sz is 0x7fffffff0000 but"))
                .anySatisfy(x -> assertThat(x).startsWith("user_info 0xfffffff0 is outside the region"))
                .anySatisfy(x -> assertThat(x).contains("jump table claims 2147483647 entries"));
    }

    /**
     * Found by AnalyzerFuzzTest#coreScan: a loaded object whose PT_NOTE segment claims a memory size
     * above 2^63 (a negative long) once made the build-id read ask for a negative-sized array.
     */
    @Test
    void aNoteSegmentOfHugeSizeIsReportedNotFatal(@TempDir Path dir) throws Exception {
        Path core = dir.resolve("core");
        try (java.io.InputStream in = SyntheticScanTest.class.getResourceAsStream(
                "/org/kpaudit/analyzer/fuzz/AnalyzerFuzzTestInputs/coreScan/note-segment-memsz-huge")) {
            java.nio.file.Files.write(core, in.readAllBytes());
        }
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(r.objects()).singleElement().satisfies(o -> {
            assertThat(o.path()).isEqualTo(SyntheticProcess.PATH);
            assertThat(o.buildId()).isNull();
            assertThat(o.note()).isEqualTo("build-id note at 0xcbcc4adbcbcbcbcb not readable: not mapped in the core");
        });
        assertThat(r.regions()).isEmpty();
    }
}
