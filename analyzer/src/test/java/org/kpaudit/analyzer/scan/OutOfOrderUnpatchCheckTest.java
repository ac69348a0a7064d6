package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.CoreBytes;
import org.kpaudit.testing.Samples;

class OutOfOrderUnpatchCheckTest {

    private final OutOfOrderUnpatchCheck check = new OutOfOrderUnpatchCheck();
    private static final String F = "libcare/f_incremental_stacked/runtime-chain/core-all-applied";

    @Test
    void aSoundStackHasNothingInactive() throws Exception {
        assertThat(check.rule().id()).isEqualTo("SC102");
        assertThat(findings(check, ScanCheckTesting.sample(F))).isEmpty();
    }

    @Test
    void unpatchingF1BeforeF3LeavesF3MappedButUnreachable(@TempDir Path dir) throws Exception {
        // what `libcare-ctl unpatch -i F1` does while F3 is applied (kpatch-format.md 4.4, 5): F1's saved bytes
        // (the original code, core-all-applied.scan.txt) go back to check_port's entry and F1's region is unmapped
        long checkPort = 0x559666ffa179L;
        long f1 = 0x559666fff000L;
        CoreBytes c = CoreBytes.copy(Samples.path(F), dir.resolve("core"))
                .write(checkPort, HexFormat.of().parseHex("554889e589"))
                .write(f1, new byte[0x3000]);
        ScanResult r = ScanCheckTesting.scan(c.path(), ScanOptions.NONE);
        assertThat(r.regions()).extracting(x -> x.header().id()).containsExactly("F2", "F3");
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SC102");
            assertThat(f.location().patch()).isEqualTo("F3");
            assertThat(f.location().function()).isEqualTo("check_port");
            // F3's saved bytes, at user_undo 0x2000 of its region (scan.txt)
            assertThat(f.location().byteOffset()).isEqualTo(c.offsetOf(0x559667007000L + 0x2000));
            assertThat(f.message()).contains("its own code (55 48 89 e5 89)")
                    .contains("e9 fc 60 00 00, a jump to 0x55966700027a (anonymous r-x mapping at 0x559666fff000)")
                    .contains("Do not unpatch F3");
        });
    }

    @Test
    void anEntryHookedElsewhereIsLeftToSc101(@TempDir Path dir) throws Exception {
        long checkPort = 0x559666ffa179L;
        CoreBytes c = CoreBytes.copy(Samples.path(F), dir.resolve("core"))
                .write(checkPort, org.kpaudit.testing.PatchRegionWriter.jmpX86(checkPort, checkPort + 0x40000000L));
        ScanResult r = ScanCheckTesting.scan(c.path(), ScanOptions.NONE);
        assertThat(findings(check, r)).isEmpty();
        assertThat(findings(new UnexplainedHookCheck(), r)).hasSize(1);
    }

    @Test
    void aFunctionBackToItsOriginalBytesWhileItsOnlyPatchIsMapped(@TempDir Path dir) throws Exception {
        org.kpaudit.testing.PatchRegionWriter w = new org.kpaudit.testing.PatchRegionWriter(0x7f1000100000L, "S1",
                org.kpaudit.testing.SyntheticProcess.BUILD_ID, org.kpaudit.testing.ElfWriter.EM_X86_64);
        w.changed("demo_fn", org.kpaudit.testing.SyntheticProcess.FUNC, 32, 16,
                org.kpaudit.testing.SyntheticProcess.ORIGINAL);
        // the entry keeps its original bytes (SyntheticProcess.ORIGINAL): the jump was undone, the region stayed
        Path core = new org.kpaudit.testing.SyntheticProcess().region(w, w.build()).write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(r.regions().get(0).records().get(0).state()).isEqualTo(RecordState.INACTIVE);
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.location().patch()).isEqualTo("S1");
            assertThat(f.message()).contains("its own code (55 48 89 e5 89)").contains("saved bytes 55 48 89 e5 89.");
        });
    }

    @Test
    void twoRecordsOfOnePatchLeftBehindAreOneFinding(@TempDir Path dir) throws Exception {
        org.kpaudit.testing.PatchRegionWriter w = new org.kpaudit.testing.PatchRegionWriter(0x7f1000100000L, "S2",
                org.kpaudit.testing.SyntheticProcess.BUILD_ID, org.kpaudit.testing.ElfWriter.EM_X86_64);
        w.changed("demo_fn", org.kpaudit.testing.SyntheticProcess.FUNC, 32, 16,
                org.kpaudit.testing.SyntheticProcess.ORIGINAL);
        w.changed("demo_fn2", org.kpaudit.testing.SyntheticProcess.FUNC2, 32, 16,
                org.kpaudit.testing.SyntheticProcess.ORIGINAL);
        // both entries back to their original bytes while the region stays: one cause, one finding
        Path core = new org.kpaudit.testing.SyntheticProcess().region(w, w.build()).write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.location().patch()).isEqualTo("S2");
            assertThat(f.message()).contains("The same holds for 1 more record(s) of that patch: record")
                    .contains("0x7f1000001200");
        });
    }
}
