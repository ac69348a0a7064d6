package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/**
 * Never a silent "clean": what could not be verified makes the verdict INCOMPLETE in every format,
 * and a run with nothing to check or with tool errors never reads PASS.
 */
class VerdictTest {

    private static final String HOOK = "forensics/inline-hook/";
    // samples/forensics/inline-hook/README.md (out.txt, gdb-hooked.log, maps-hooked.txt)
    private static final String HOOK_ADDRESS = "0x55d1f7f5c179";
    private static final String PAYLOAD = "0x55d1fbf5c000";

    private static String core(String name) {
        return Samples.path(HOOK + name).toString();
    }

    @Test
    void aHookIntoAnRwxPageIsFoundWithoutTheFiles() throws Exception {
        CliRunner r = CliRunner.run("scan", "-f", "json", core("core-hooked"));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode t = new ObjectMapper().readTree(r.out());
        JsonNode f = t.at("/findings/0");
        assertThat(f.get("check").asText()).isEqualTo("SC101");
        assertThat(f.get("message").asText()).contains(HOOK_ADDRESS).contains("/srv/hookdemo/hookdemo +0x1179")
                .contains("jmp rel32 to " + PAYLOAD).contains("anonymous rwx mapping");
        assertThat(f.at("/location/object").asText()).isEqualTo("/srv/hookdemo/hookdemo");
        JsonNode hook = t.at("/scans/0/hooks/0");
        assertThat(hook.get("address").asText()).isEqualTo(HOOK_ADDRESS);
        assertThat(hook.get("object_offset").asText()).isEqualTo("0x1179");
        assertThat(hook.get("memory").asText()).isEqualTo("e9 82 fe ff 03");
        assertThat(hook.get("target_mapping").asText()).startsWith(PAYLOAD + "-0x55d1fbf5d000 rwx");
        assertThat(t.at("/summary/verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void theCleanCoreOfTheSameProcessIsIncompleteNotPass() throws Exception {
        CliRunner r = CliRunner.run("scan", "-f", "json", core("core-clean"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.get("findings")).noneSatisfy(f -> assertThat(f.get("severity").asText()).isEqualTo("error"));
        // maps-clean.txt: three objects mapped r-xp, none on this machine without --sysroot
        assertThat(t.get("findings")).filteredOn(f -> f.get("check").asText().equals("SC201")).hasSize(3);
        assertThat(t.at("/summary/verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(t.at("/summary/unverified").asInt()).isEqualTo(3);
        assertThat(t.at("/summary/verification/objects_unverified").asInt()).isEqualTo(3);
        assertThat(CliRunner.run("scan", "--require-complete", core("core-clean")).exitCode()).isEqualTo(1);

        CliRunner text = CliRunner.run("scan", "-f", "text", core("core-clean"));
        assertThat(text.out()).contains("verdict: INCOMPLETE").doesNotContain("verdict: PASS");
        CliRunner sarif = CliRunner.run("scan", "-f", "sarif", core("core-clean"));
        JsonNode s = new ObjectMapper().readTree(sarif.out());
        assertThat(s.at("/runs/0/properties/verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(s.at("/runs/0/results")).filteredOn(x -> x.get("ruleId").asText().equals("SC201"))
                .allSatisfy(x -> assertThat(x.get("kind").asText()).isEqualTo("open"));
    }

    @Test
    void withTheExecutableUnderTheSysrootTheHookIsFoundByComparison(@TempDir Path root) throws Exception {
        Path exe = root.resolve("srv/hookdemo/hookdemo");
        Files.createDirectories(exe.getParent());
        Files.copy(Samples.path(HOOK + "hookdemo"), exe);
        CliRunner r = CliRunner.run("scan", "-f", "json", "--sysroot", root.toString(), core("core-hooked"));
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode hook = new ObjectMapper().readTree(r.out()).at("/scans/0/hooks/0");
        assertThat(hook.get("symbol").asText()).isEqualTo("check_password");
        assertThat(hook.get("found_by").asText()).isEqualTo("file comparison");
        // objdump -d hookdemo: check_password starts with sub $0x8,%rsp (48 83 ec 08)
        assertThat(hook.get("file").asText()).startsWith("48 83 ec 08");
        // the two libraries are still not under the sysroot: still unverified, and said so
        assertThat(new ObjectMapper().readTree(r.out()).at("/summary/verification/objects_unverified").asInt())
                .isEqualTo(2);
    }

    @Test
    void checkOfAFolderWithoutPatchesIsNotAPass(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "no patch here\n");
        CliRunner r = CliRunner.run("check", "-f", "text", dir.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("PASS").contains("INCOMPLETE");
        assertThat(r.err()).contains(dir + ": no .kpatch file in it (nothing to check)");
        CliRunner y = CliRunner.run("check", dir.toString());
        assertThat(y.out()).contains("verdict: INCOMPLETE").contains("incomplete_because: \"nothing checked, 1 tool error\"");
    }

    @Test
    void aToolErrorBesideAGoodPatchIsNotAPass(@TempDir Path dir) throws Exception {
        // 300 MiB of zeros gzipped: over the archive member limit, so it is skipped with a tool error
        Path bomb = dir.resolve("bomb.tgz");
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                z.write(zeros);
            }
        }
        CliRunner r = CliRunner.run("check", "-f", "text", bomb.toString(),
                Samples.path("libcare/a_bounds_check/patch").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("bomb.tgz").contains("member limit");
        assertThat(r.out()).doesNotContain(": PASS");
        CliRunner h = CliRunner.run("check", "-f", "junit", bomb.toString());
        assertThat(h.exitCode()).isEqualTo(3);
    }
}
