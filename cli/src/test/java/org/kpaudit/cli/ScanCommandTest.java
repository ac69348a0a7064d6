package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.PatchRegionWriter;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.SyntheticProcess;

class ScanCommandTest {

    static final String A = "libcare/a_bounds_check/runtime/";
    static final String B = "libcare/b_shared_lib/runtime/core-2-patched";
    static final String F = "libcare/f_incremental_stacked/runtime-chain/core-all-applied";

    static JsonNode json(String out) throws Exception {
        return new ObjectMapper().readTree(out);
    }

    @Test
    void patchedCoreAsJson() throws Exception {
        CliRunner r = CliRunner.run("scan", "-f", "json", Samples.path(A + "core-2-patched").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode s = json(r.out()).at("/scans/0");
        assertThat(s.get("kind").asText()).isEqualTo("core");
        JsonNode p = s.at("/patches/0");
        // a_bounds_check/README.md and core-2-patched.scan.txt
        assertThat(p.get("id").asText()).isEqualTo("A0001");
        assertThat(p.get("address").asText()).isEqualTo("0x558da327a000");
        assertThat(p.get("object").asText())
                .isEqualTo("/srv/kpcorpus/a_bounds_check/build/lpmake/bounds_demo at 0x558da3274000-0x558da3279000");
        assertThat(p.at("/runtime/user_undo").asText()).isEqualTo("0x2080");
        JsonNode rec = p.at("/records/0");
        assertThat(rec.get("function").asText()).isEqualTo("lookup_slot");
        assertThat(rec.get("entry").asText()).isEqualTo("e9 03 61 00 00");
        assertThat(rec.get("expected_jump").asText()).isEqualTo("e9 03 61 00 00");
        assertThat(rec.get("saved").asText()).isEqualTo("55 48 89 e5 89");
        assertThat(rec.get("state").asText()).isEqualTo("active");
        // no defect; what could not be checked without the files is said (maps-2-patched.txt: three objects)
        assertThat(json(r.out()).get("findings")).extracting(f -> f.get("check").asText())
                .containsExactly("SC201", "SC201", "SC201", "SC202");
        assertThat(json(r.out()).get("findings")).allSatisfy(f -> assertThat(f.get("unverified").asBoolean()).isTrue());
        assertThat(json(r.out()).at("/summary/patches").asInt()).isEqualTo(1);
        assertThat(json(r.out()).at("/summary/verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(json(r.out()).at("/summary/unverified").asInt()).isEqualTo(4);
    }

    @Test
    void severalCoresInOneRunInTextAndYaml() throws Exception {
        String[] args = {"scan", Samples.path(A + "core-1-unpatched").toString(), Samples.path(B).toString(),
            Samples.path(F).toString()};
        CliRunner yaml = CliRunner.run(args);
        assertThat(yaml.exitCode()).isZero();
        assertThat(yaml.out()).contains("id: B0001").contains("id: F3").contains("- F3#0\n").contains("- F1#0\n");
        String[] text = new String[args.length + 2];
        System.arraycopy(args, 0, text, 0, args.length);
        text[args.length] = "-f";
        text[args.length + 1] = "text";
        CliRunner t = CliRunner.run(text);
        assertThat(t.exitCode()).isZero();
        assertThat(t.out()).containsPattern("check_port +0x559666ffa179 .* \\[F3#0, F1#0\\] +55 48 89 e5 89");
        JsonNode j = json(CliRunner.run(addAll(args, "-f", "json")).out());
        assertThat(j.at("/scans/0/patches")).isEmpty();
        assertThat(j.at("/scans/1/patches/0/object").asText()).startsWith("/srv/kpcorpus/b_shared_lib/build/lpmake/libshape.so");
        assertThat(j.at("/scans/2/patched_functions")).hasSize(2);
    }

    @Test
    void unexplainedHookExitsOneAndFailOnDecides(@TempDir Path dir) throws Exception {
        PatchRegionWriter region = new PatchRegionWriter(0x7f1000100000L, "P1", SyntheticProcess.BUILD_ID,
                ElfWriter.EM_X86_64);
        region.changed("demo_fn", SyntheticProcess.FUNC, 32, 16, SyntheticProcess.ORIGINAL);
        Path hooked = new SyntheticProcess().region(region, region.build())
                .entry(SyntheticProcess.FUNC, PatchRegionWriter.jmpX86(SyntheticProcess.FUNC, SyntheticProcess.FUNC
                        + 0x40000000L)).write(dir.resolve("hooked.core"));
        CliRunner r = CliRunner.run("scan", "-f", "json", hooked.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode f = json(r.out()).at("/findings/0");
        assertThat(f.get("check").asText()).isEqualTo("SC101");
        assertThat(f.get("name").asText()).isEqualTo("unexplained-hook");
        assertThat(f.get("severity").asText()).isEqualTo("error");
        assertThat(f.at("/location/function").asText()).isEqualTo("demo_fn");
        assertThat(f.at("/location/offset").asText()).startsWith("0x");

        // an orphan region is a warning: exit 0 unless --fail-on warning
        PatchRegionWriter orphan = new PatchRegionWriter(0x7f1000100000L, "G1", "ffeeddccbbaa99887766554433221100ffeeddcc",
                ElfWriter.EM_X86_64);
        orphan.changed("gone_fn", 0x7f3000001000L, 32, 16, SyntheticProcess.ORIGINAL);
        Path o = new SyntheticProcess().region(orphan, orphan.build()).write(dir.resolve("orphan.core"));
        assertThat(CliRunner.run("scan", o.toString()).exitCode()).isZero();
        CliRunner w = CliRunner.run("scan", "--fail-on", "warning", o.toString());
        assertThat(w.exitCode()).isEqualTo(1);
        assertThat(w.out()).contains("check: SC104").contains("fail_on: warning");
    }

    @Test
    void patchesFolderIsComparedWith(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("scan", "-f", "json", "--patches",
                Samples.path("libcare/f_incremental_stacked").toString(), Samples.path(F).toString());
        assertThat(r.exitCode()).isZero();
        JsonNode ps = json(r.out()).at("/scans/0/patches");
        for (JsonNode p : ps) {
            assertThat(p.at("/disk/same").asBoolean()).isTrue();
            assertThat(p.at("/disk/file").asText()).contains("/level").endsWith("fb080d8b220ac2221c8f235ed385636698becbb2.kpatch");
        }
    }

    @Test
    void unreadableInputsExitThreeWithOneLineEach(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.core");
        String kpatch = Samples.path("libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch")
                .toString();
        String exe = Samples.path("libcare/a_bounds_check/original/bounds_demo").toString();
        CliRunner r = CliRunner.run("scan", Samples.path(A + "core-2-patched").toString(), missing.toString(), kpatch, exe);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("id: A0001");
        assertThat(r.err().lines()).containsExactly(
                "kpaudit: error: " + missing + ": cannot read: no such file",
                "kpaudit: error: " + kpatch + ": offset 0x0: no ELF magic (7f 45 4c 46)",
                "kpaudit: error: " + exe + ": offset 0x10: not a core dump: e_type is 3 (ET_CORE is 4)");
        CliRunner pid = CliRunner.run("scan", "--pid", "999999999");
        assertThat(pid.exitCode()).isEqualTo(3);
        assertThat(pid.err()).startsWith("kpaudit: error: pid 999999999: no such process");
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path dir) {
        String core = Samples.path(A + "core-2-patched").toString();
        assertThat(CliRunner.run("scan").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("scan", "--pid", "1", core).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("scan", "--sysroot", dir.resolve("none").toString(), core).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("scan", "--format", "html", core).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("scan", "--fail-on", "sometimes", core).exitCode()).isEqualTo(2);
    }

    @Test
    void outputGoesToTheFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("scan.json");
        CliRunner r = CliRunner.run("scan", "-f", "json", "-o", out.toString(), Samples.path(B).toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(json(Files.readString(out)).at("/scans/0/patches/0/id").asText()).isEqualTo("B0001");
    }

    private static String[] addAll(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }

    @Test
    void coresAboveTwoGibibytesAreScannedAndInspected(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.core");
        org.kpaudit.testing.CoreWriter.x86_64().prpsinfo("big", "big", 7, 0)
                .load(0x10000, "rw-", new byte[16]).loadAt(3L << 30, 0x7f0000000000L, "r--", new byte[4096])
                .write(big);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.size(big) > (3L << 30),
                "the file system did not keep the sparse file");
        CliRunner s = CliRunner.run("scan", "-f", "json", big.toString());
        assertThat(s.err()).isEmpty();
        assertThat(s.exitCode()).isZero();
        assertThat(json(s.out()).at("/scans/0/scanned_bytes").asLong()).isEqualTo(4096 + 16);
        CliRunner i = CliRunner.run("inspect", "-f", "json", big.toString());
        assertThat(i.exitCode()).isZero();
        assertThat(json(i.out()).at("/files/0/segments/2/offset").asText()).isEqualTo("0xc0000000");
    }
}
