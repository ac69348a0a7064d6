package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/** The acceptance facts of issue 3 on the real corpus, through the command line. */
class CheckCommandTest {

    static final String L = "libcare/";
    static final ObjectMapper JSON = new ObjectMapper();

    static String s(String rel) {
        return Samples.path(rel).toString();
    }

    static JsonNode json(CliRunner r) throws Exception {
        return JSON.readTree(r.out());
    }

    @Test
    void boundsCheckWithItsTargetIsClean() throws Exception {
        CliRunner r = CliRunner.run("check", "-f", "json", "--fail-on", "note", "--target",
                s(L + "a_bounds_check/original/bounds_demo"),
                s(L + "a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode j = json(r);
        assertThat(j.get("findings")).isEmpty();
        assertThat(j.at("/patches/0/target/status").asText()).isEqualTo("match");
        assertThat(j.at("/patches/0/changed/0/name").asText()).isEqualTo("lookup_slot");
        assertThat(j.at("/patches/0/changed/0/address").asText()).isEqualTo("0x1169");
    }

    @Test
    void externTlsGetsTheTlsError() throws Exception {
        CliRunner r = CliRunner.run("check", "-f", "json", "--target", s(L + "e_tls/original/tlsdemo"),
                s(L + "e_tls/extern_tls_crash/patch/ab896b1e56d1295e41b3b439ece560e66b2f6d84.kpatch"));
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode f = json(r).get("findings");
        assertThat(f).anySatisfy(x -> {
            assertThat(x.get("check").asText()).isEqualTo("KP206");
            assertThat(x.get("severity").asText()).isEqualTo("error");
            assertThat(x.get("symbol").asText()).isEqualTo("lib_depth");
        });
    }

    @Test
    void funcFilterUnfilteredFailsOnMainFilteredPasses() throws Exception {
        String target = s(L + "g_func_filter/original/levels");
        CliRunner bad = CliRunner.run("check", "-f", "json", "--target", target,
                s(L + "g_func_filter/unfiltered/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch"));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(json(bad).get("findings")).filteredOn(x -> x.get("severity").asText().equals("error"))
                .singleElement().satisfies(x -> {
                    assertThat(x.get("check").asText()).isEqualTo("KP402");
                    assertThat(x.get("function").asText()).isEqualTo("main");
                });
        CliRunner good = CliRunner.run("check", "-f", "json", "--target", target,
                s(L + "g_func_filter/filtered/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch"));
        assertThat(good.exitCode()).isZero();
    }

    @Test
    void incrementalChainWithOverlapAndUnpatchOrder() throws Exception {
        // the level folders named one by one, as libcare-ctl patch would be given them, in apply order
        CliRunner r = CliRunner.run("check", "-f", "json", "--target", s(L + "f_incremental_stacked/original/portcheck"),
                s(L + "f_incremental_stacked/level1/patch"), s(L + "f_incremental_stacked/level2/patch"),
                s(L + "f_incremental_stacked/level3/patch"));
        assertThat(r.exitCode()).isZero();
        JsonNode c = json(r).get("chains");
        assertThat(c).hasSize(1);
        assertThat(c.at("/0/build_id").asText()).isEqualTo("fb080d8b220ac2221c8f235ed385636698becbb2");
        assertThat(c.at("/0/members")).extracting(m -> m.get("id").asText()).containsExactly("F1", "F2", "F3");
        assertThat(c.at("/0/overlaps/0/function").asText()).isEqualTo("check_port");
        assertThat(c.at("/0/overlaps/0/patches")).extracting(JsonNode::asText).containsExactly("F1", "F3");
        assertThat(c.at("/0/overlaps/0/winner").asText()).isEqualTo("F3");
        assertThat(c.at("/0/unpatch_order")).extracting(JsonNode::asText).containsExactly("F3", "F2", "F1");
        assertThat(json(r).get("findings")).anySatisfy(x -> assertThat(x.get("check").asText()).isEqualTo("KC502"));
        CliRunner strict = CliRunner.run("check", "--fail-on", "warning", "--target",
                s(L + "f_incremental_stacked/original/portcheck"), s(L + "f_incremental_stacked/level1/patch"),
                s(L + "f_incremental_stacked/level2/patch"), s(L + "f_incremental_stacked/level3/patch"));
        assertThat(strict.exitCode()).isEqualTo(1);
    }

    @Test
    void wrongBinaryGetsTheBuildIdError() throws Exception {
        CliRunner r = CliRunner.run("check", "-f", "json", "--target", s(L + "h_O2/original/checksum"),
                s(L + "a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(json(r).at("/patches/0/target/status").asText()).isEqualTo("mismatch");
        assertThat(json(r).get("findings")).anySatisfy(x -> {
            assertThat(x.get("check").asText()).isEqualTo("KP102");
            assertThat(x.get("offset").asText()).isEqualTo("0x58");
        });
    }

    @Test
    void policyErrorsAreUsageErrors(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("policy.yaml");
        Files.writeString(p, "deny_function: [main]\n");
        CliRunner r = CliRunner.run("check", "--policy", p.toString(),
                s(L + "a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown key 'deny_function'").doesNotContain("Exception");
        Files.writeString(p, "deny_functions: ['[oops']\n");
        assertThat(CliRunner.run("check", "--policy", p.toString(), s(L + "a_bounds_check")).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("check", "--fail-on", "sometimes", s(L + "a_bounds_check")).exitCode()).isEqualTo(2);
        Files.writeString(p, "deny_functions: ['lookup_*']\n");
        CliRunner denied = CliRunner.run("check", "-f", "text", "--policy", p.toString(), s(L + "a_bounds_check"));
        assertThat(denied.exitCode()).isEqualTo(1);
        assertThat(denied.out()).contains("KP401").contains("FAIL");
    }

    @Test
    void unreadableInputIsExitThreeButOthersAreReported(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("x.kpatch");
        Files.writeString(junk, "KPATCH1\0garbage");
        CliRunner r = CliRunner.run("check", "-f", "json", junk.toString(), s(L + "a_bounds_check"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(json(r).get("patches")).hasSize(1);
        assertThat(r.err()).startsWith("kpaudit: error: " + junk + ": offset 0x98:");
    }

    @Test
    void siblingFoldersOfATreeAreAlternativesNotAChain() throws Exception {
        // e_tls/patch and e_tls/extern_tls_crash/patch hold two builds of E0001 for one binary (e_tls README):
        // alternatives, never applied one over the other
        JsonNode e = json(CliRunner.run("check", "-f", "json", s(L + "e_tls")));
        assertThat(e.get("chains")).isEmpty();
        assertThat(e.get("findings")).noneSatisfy(x -> assertThat(x.get("check").asText()).startsWith("KC50"));
        // the three levels of f in one tree: not a chain either, unless named one by one (test above)
        assertThat(json(CliRunner.run("check", "-f", "json", s(L + "f_incremental_stacked"))).get("chains")).isEmpty();
        // named as files, in argument order, they are
        JsonNode g = json(CliRunner.run("check", "-f", "json",
                s(L + "g_func_filter/filtered/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch"),
                s(L + "g_func_filter/unfiltered/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch")));
        assertThat(g.at("/chains/0/members")).hasSize(2);
        assertThat(g.at("/chains/0/order").asText()).isEqualTo("argument order");
    }

    @Test
    void outputIsDeterministicAndJunitHasOneCasePerPatchAndCheck() throws Exception {
        String[] args = {"check", "-f", "yaml", s(L + "f_incremental_stacked"), s(L + "g_func_filter")};
        CliRunner a = CliRunner.run(args);
        CliRunner b = CliRunner.run(args);
        assertThat(a.out()).isEqualTo(b.out());
        CliRunner j = CliRunner.run("check", "-f", "junit", s(L + "f_incremental_stacked/level1/patch"),
                s(L + "f_incremental_stacked/level2/patch"), s(L + "f_incremental_stacked/level3/patch"));
        int patchChecks = (int) org.kpaudit.analyzer.CheckRegistry.rules().stream()
                .filter(x -> x.subject().equals("patch")).count();
        int chainChecks = (int) org.kpaudit.analyzer.CheckRegistry.rules().stream()
                .filter(x -> x.subject().equals("chain")).count();
        assertThat(j.out().split("<testcase ", -1)).hasSize(1 + 3 * patchChecks + chainChecks);
        assertThat(j.out()).contains("KC502 stacked-function").startsWith("<?xml");
    }

    @Test
    void checksListsEveryRuleWithHelp() throws Exception {
        CliRunner r = CliRunner.run("checks");
        assertThat(r.exitCode()).isZero();
        for (var rule : org.kpaudit.analyzer.CheckRegistry.rules()) {
            assertThat(r.out()).contains(rule.id() + "  " + rule.name());
        }
        JsonNode j = JSON.readTree(CliRunner.run("checks", "-f", "json").out());
        assertThat(j.get("checks").get(0).get("help").asText()).isNotBlank();
    }

    @Test
    void textShowsADashForAnAbsentIdAndSaysTargetChecksWereSkipped(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(Samples.path(L + "a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        java.util.Arrays.fill(b, 8, 88, (byte) 0); // the patch id field (kpatch-format.md: offset 8)
        Path p = dir.resolve("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch");
        Files.write(p, b);
        CliRunner r = CliRunner.run("check", "-f", "text", p.toString());
        assertThat(r.out()).contains("  id -, build-id a089a4f5e43ba0634a4ef66deeef1450ffe24aa4")
                .doesNotContain("null")
                .contains("target: not-given (the checks against the binary were skipped: give --target or --sysroot)");
    }
}
