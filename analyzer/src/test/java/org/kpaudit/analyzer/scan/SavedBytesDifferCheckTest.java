package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchRegionWriter;
import org.kpaudit.testing.SyntheticProcess;

class SavedBytesDifferCheckTest {

    private final SavedBytesDifferCheck check = new SavedBytesDifferCheck();
    private static final long REGION = 0x7f1000100000L;

    /** A process whose one patch saved {@code saved} from FUNC, its file under {@code dir/root}. */
    private static ScanResult scan(Path dir, byte[] saved) throws Exception {
        PatchRegionWriter w = new PatchRegionWriter(REGION, "S1", SyntheticProcess.BUILD_ID, ElfWriter.EM_X86_64);
        w.changed("demo_fn", SyntheticProcess.FUNC, 32, 16, saved);
        SyntheticProcess sp = new SyntheticProcess().region(w, w.build())
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, w.saddr(0)));
        sp.writeFile(dir.resolve("root"));
        return ScanCheckTesting.scan(sp.write(dir.resolve("core")), new ScanOptions(dir.resolve("root"), null));
    }

    @Test
    void savedBytesThatAreTheFilesCodePass(@TempDir Path dir) throws Exception {
        ScanResult r = scan(dir, SyntheticProcess.ORIGINAL);
        PatchedFunction f = r.functions().get(0);
        assertThat(f.originalVsFile()).isEqualTo(FileComparison.MATCH);
        assertThat(f.verified()).isTrue();
        assertThat(findings(check, r)).isEmpty();
    }

    @Test
    void savedBytesThatAreNotTheFilesCodeAreReported(@TempDir Path dir) throws Exception {
        // int3 breakpoints where the file has push rbp; mov rbp,rsp: a debugger's, or a forged undo area
        byte[] saved = {(byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, (byte) 0xcc, 0x7d, (byte) 0xfc, (byte) 0x90};
        ScanResult r = scan(dir, saved);
        assertThat(r.functions().get(0).originalVsFile()).isEqualTo(FileComparison.DIFFERS);
        assertThat(findings(check, r)).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("SC106");
            assertThat(f.location().patch()).isEqualTo("S1");
            assertThat(f.message()).contains("Patch S1 saved cc cc cc cc cc")
                    .contains("at 0x7f1000001100 in /opt/demo/libdemo.so")
                    .contains("has 55 48 89 e5 89");
        });
    }

    @Test
    void withoutTheFileNothingIsClaimed(@TempDir Path dir) throws Exception {
        PatchRegionWriter w = new PatchRegionWriter(REGION, "S1", SyntheticProcess.BUILD_ID, ElfWriter.EM_X86_64);
        w.changed("demo_fn", SyntheticProcess.FUNC, 32, 16, new byte[] {(byte) 0xcc, 1, 2, 3, 4, 5, 6, 7});
        Path core = new SyntheticProcess().region(w, w.build())
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, w.saddr(0)))
                .write(dir.resolve("core"));
        ScanResult r = ScanCheckTesting.scan(core, ScanOptions.NONE);
        assertThat(r.functions().get(0).originalVsFile()).isEqualTo(FileComparison.NO_FILE);
        assertThat(findings(check, r)).isEmpty(); // SC202 says it was not compared
    }
}
