package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.CoreBytes;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchRegionWriter;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.SyntheticProcess;

class UnexplainedHookCheckTest {

    private final UnexplainedHookCheck check = new UnexplainedHookCheck();

    @Test
    void realPatchedCoresHaveNoUnexplainedHook() throws Exception {
        assertThat(check.rule().id()).isEqualTo("SC101");
        assertThat(findings(check, ScanCheckTesting.sample("libcare/a_bounds_check/runtime/core-2-patched"))).isEmpty();
        assertThat(findings(check, ScanCheckTesting.sample("libcare/f_incremental_stacked/runtime-chain/core-all-applied")))
                .isEmpty();
    }

    @Test
    void entryJumpingIntoAnUnmappedRegionIsAnUnexplainedHook(@TempDir Path dir) throws Exception {
        // a patch replaces FUNC, but FUNC's entry jumps to an address no mapping covers
        PatchRegionWriter region = new PatchRegionWriter(0x7f1000100000L, "P1", SyntheticProcess.BUILD_ID,
                ElfWriter.EM_X86_64);
        region.changed("demo_fn", SyntheticProcess.FUNC, 32, 16, SyntheticProcess.ORIGINAL);
        byte[] bytes = region.build();
        long elsewhere = SyntheticProcess.FUNC + 0x40000000L; // 1 GiB away: in reach of rel32, mapped by nothing
        SyntheticProcess p = new SyntheticProcess()
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, elsewhere))
                .region(region, bytes);
        Path core = p.write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(r.regions()).singleElement().satisfies(x -> assertThat(x.object()).isNotNull());
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SC101");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.location().function()).isEqualTo("demo_fn");
            assertThat(f.location().byteOffset()).isEqualTo(CoreBytes.copy(core, dir.resolve("c2"))
                    .offsetOf(SyntheticProcess.FUNC));
            assertThat(f.message()).contains("jumps to 0x" + Long.toHexString(elsewhere) + " (unmapped memory)")
                    .contains("P1 (0x" + Long.toHexString(region.saddr(0)) + ")");
        });
    }

    @Test
    void savedBytesThatJumpElsewhereMeanTheFunctionWasHookedBeforeThePatch(@TempDir Path dir) throws Exception {
        PatchRegionWriter region = new PatchRegionWriter(0x7f1000100000L, "P1", SyntheticProcess.BUILD_ID,
                ElfWriter.EM_X86_64);
        long heap = 0x7f1000800000L;
        region.changed("demo_fn", SyntheticProcess.FUNC, 32, 16, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, heap));
        byte[] bytes = region.build();
        SyntheticProcess p = new SyntheticProcess()
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, region.saddr(0)))
                .region(region, bytes).anonymous(heap, "rw-", new byte[4096]);
        ScanResult r = ScanCheckTesting.scan(p.write(dir.resolve("core")), ScanOptions.NONE);
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.location().patch()).isEqualTo("P1");
            assertThat(f.message()).contains("already hooked when P1 was applied")
                    .contains("anonymous rw- mapping at 0x7f1000800000");
        });
    }

    @Test
    void entryThatDiffersFromItsFileIsFoundWithSysroot(@TempDir Path dir) throws Exception {
        // core-3 (after unpatch: the text page is in the core because unpatch wrote it) with lookup_slot's entry
        // turned into a jump to unmapped memory; the executable's file under a sysroot lets every function entry be
        // compared with the file
        String exe = "/srv/kpcorpus/a_bounds_check/build/lpmake/bounds_demo";
        Path sysroot = dir.resolve("root");
        Files.createDirectories(sysroot.resolve(exe.substring(1)).getParent());
        Files.copy(Samples.path("libcare/a_bounds_check/original/bounds_demo"), sysroot.resolve(exe.substring(1)));
        Path clean = Samples.path("libcare/a_bounds_check/runtime/core-3-after-unpatch");
        ScanResult ok = ScanCheckTesting.scan(clean, new ScanOptions(sysroot, null));
        assertThat(ok.functionsCompared()).isPositive();
        assertThat(findings(check, ok)).isEmpty();

        long lookupSlot = 0x558da3275169L; // README: lookup_slot at 0x1169, base 558da3274000 in maps-3
        CoreBytes bad = CoreBytes.copy(clean, dir.resolve("core"))
                .write(lookupSlot, PatchRegionWriter.jmpX86(lookupSlot, 0x558e00000000L));
        ScanResult r = ScanCheckTesting.scan(bad.path(), new ScanOptions(sysroot, null));
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.location().symbol()).isEqualTo("lookup_slot");
            assertThat(f.location().byteOffset()).isEqualTo(bad.offsetOf(lookupSlot));
            assertThat(f.message()).contains("holds e9").contains("where its file has 55 48 89 e5 89")
                    .contains("a jmp rel32 to 0x558e00000000 (unmapped memory)");
        });
        // without the file, a jump to no mapping at an address no in-memory symbol names is not taken for a hook
        // (at an arbitrary byte it is too often data); SC201 then says the object's code was not compared
        ScanResult blind = ScanCheckTesting.scan(bad.path(), ScanOptions.NONE);
        assertThat(findings(check, blind)).isEmpty();
        assertThat(findings(new ObjectNotVerifiedCheck(), blind)).extracting(f -> f.location().object())
                .contains("/srv/kpcorpus/a_bounds_check/build/lpmake/bounds_demo");
    }
}
