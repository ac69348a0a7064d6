package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/** A CI gate adopted on an existing patch stream: accept today's findings, fail only on new ones. */
class BaselineTest {

    private static JsonNode json(CliRunner r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    /** The libcare samples with some of their binaries, copied so that a bad patch can be added. */
    private static Path stream(Path dir) throws Exception {
        Path s = dir.resolve("stream");
        for (String c : new String[] {"a_bounds_check", "e_tls", "g_func_filter"}) {
            copy(Samples.path("libcare/" + c), s.resolve(c));
        }
        return s;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (p.toString().endsWith(".kpatch")) {
                    Files.copy(p, t);
                }
            }
        }
    }

    /** The same targets in every run: a_bounds_check's binary and h_O2's (the relabelled patch claims it). */
    private static String[] check(String... args) {
        String[] head = {"check", "--target", Samples.path("libcare/a_bounds_check/original/bounds_demo").toString(),
            "--target", Samples.path("libcare/h_O2/original/checksum").toString()};
        String[] all = java.util.Arrays.copyOf(head, head.length + args.length);
        System.arraycopy(args, 0, all, head.length, args.length);
        return all;
    }

    @Test
    void roundTripNewUnchangedAbsentAndSuppressed(@TempDir Path dir) throws Exception {
        Path s = stream(dir);
        Path base = dir.resolve("baseline.json");
        CliRunner first = CliRunner.run(check("-f", "json", "--write-baseline", base.toString(), s.toString()));
        assertThat(first.exitCode()).isEqualTo(1); // e_tls KP206, g_func_filter KP402 (their READMEs)
        int accepted = json(first).get("findings").size();
        assertThat(new ObjectMapper().readTree(base.toFile()).get("findings")).hasSize(accepted);

        // the same stream against its baseline: nothing new, exit 0
        CliRunner again = CliRunner.run(check("-f", "json", "--baseline", base.toString(), s.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(json(again).at("/summary/baseline/new").asInt()).isZero();
        assertThat(json(again).at("/summary/baseline/unchanged").asInt()).isEqualTo(accepted);
        assertThat(json(again).get("findings")).allSatisfy(f -> assertThat(f.get("baseline").asText()).isEqualTo("unchanged"));

        // a bad patch arrives (the relabelled a_bounds_check patch: h_O2's build-id, KP102/KP301 against
        // checksum): exactly its findings are new, and they fail the gate
        byte[] b = Files.readAllBytes(Samples.path("libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        System.arraycopy("996a071e5c245d8156bd9cbe51b867ae913808fa".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                0, b, 88, 40);
        Path bad = Files.createDirectories(s.resolve("new_patch"));
        Files.write(bad.resolve("996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch"), b);
        CliRunner gated = CliRunner.run(check("-f", "json", "--baseline", base.toString(), s.toString()));
        assertThat(gated.exitCode()).isEqualTo(1);
        JsonNode g = json(gated);
        assertThat(g.get("findings")).filteredOn(f -> f.get("baseline").asText().equals("new"))
                .isNotEmpty().allSatisfy(f -> assertThat(f.get("file").asText()).contains("new_patch/"));

        // accepting one of them in the policy, with a reason: reported as suppressed, not counted
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "suppressions:\n  - check: \"KP*\"\n    patch: 996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch\n"
                + "    reason: \"relabelled on purpose for the test\"\n");
        CliRunner accepted2 = CliRunner.run(check("-f", "json", "--baseline", base.toString(), "--policy",
                policy.toString(), s.toString()));
        assertThat(accepted2.exitCode()).as(accepted2.err()).isZero();
        assertThat(json(accepted2).get("findings")).filteredOn(f -> f.get("baseline").asText().equals("new"))
                .allSatisfy(f -> assertThat(f.get("suppressed").asText()).isEqualTo("relabelled on purpose for the test"));
        assertThat(json(accepted2).at("/summary/suppressed").asInt()).isPositive();

        // patches removed from the stream (the bad one, and g_func_filter): accepted findings absent, not a failure
        deleteTree(s.resolve("new_patch"));
        deleteTree(s.resolve("g_func_filter"));
        CliRunner gone = CliRunner.run(check("-f", "sarif", "--baseline", base.toString(), s.toString()));
        assertThat(gone.exitCode()).isZero();
        JsonNode results = new ObjectMapper().readTree(gone.out()).at("/runs/0/results");
        assertThat(results).anySatisfy(x -> {
            assertThat(x.get("ruleId").asText()).isEqualTo("KP402");
            assertThat(x.get("baselineState").asText()).isEqualTo("absent");
        });
        assertThat(results).allSatisfy(x -> assertThat(x.at("/partialFingerprints/kpaudit~1v1").asText()).isNotEmpty());
    }

    @Test
    void scanAndAuditTakeBaselinesToo(@TempDir Path dir) throws Exception {
        String hooked = Samples.path("forensics/inline-hook/core-hooked").toString();
        Path base = dir.resolve("scan-baseline.json");
        assertThat(CliRunner.run("scan", "--write-baseline", base.toString(), hooked).exitCode()).isEqualTo(1);
        // the hook (SC101, forensics/inline-hook/README.md) is accepted: the same core no longer fails
        CliRunner again = CliRunner.run("scan", "-f", "json", "--baseline", base.toString(), hooked);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(json(again).get("findings")).filteredOn(f -> f.get("check").asText().equals("SC101"))
                .singleElement().satisfies(f -> assertThat(f.get("baseline").asText()).isEqualTo("unchanged"));
        // a different core against that baseline: its hook-free scan makes the accepted hook absent
        CliRunner clean = CliRunner.run("scan", "-f", "sarif", "--baseline", base.toString(),
                Samples.path("forensics/inline-hook/core-clean").toString());
        assertThat(clean.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(clean.out()).at("/runs/0/results"))
                .anySatisfy(x -> assertThat(x.get("baselineState").asText()).isEqualTo("absent"));

        Path audited = dir.resolve("audit-baseline.json");
        Path out = dir.resolve("out");
        String folder = Samples.path("libcare/g_func_filter").toString();
        assertThat(CliRunner.run("audit", "--fail-on", "error", "-d", out.toString(), "--write-baseline",
                audited.toString(), folder).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("audit", "--fail-on", "error", "-d", out.toString(), "--baseline",
                audited.toString(), folder).exitCode()).isZero();
    }

    @Test
    void anExpiredSuppressionIsNotAppliedAndSaysSo(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "suppressions:\n  - check: KP402\n    reason: old decision\n    expires: 2020-01-01\n");
        CliRunner r = CliRunner.run("check", "-f", "json", "--policy", policy.toString(),
                Samples.path("libcare/g_func_filter/unfiltered").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("kpaudit: warning: ").contains("expired on 2020-01-01");
        assertThat(json(r).get("findings")).filteredOn(f -> f.get("check").asText().equals("KP402"))
                .allSatisfy(f -> assertThat(f.has("suppressed")).isFalse());
    }

    @Test
    void aSuppressionWithoutAReasonOrABaselineOfAnotherKindIsAUsageError(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "suppressions:\n  - check: KP402\n");
        CliRunner r = CliRunner.run("check", "--policy", policy.toString(), Samples.path("libcare/g_func_filter").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("suppressions[0]: reason is required");
        Path notBaseline = Files.writeString(dir.resolve("b.json"), "{\"schema\": \"something/1\"}");
        CliRunner b = CliRunner.run("check", "--baseline", notBaseline.toString(), Samples.path("libcare/g_func_filter").toString());
        assertThat(b.exitCode()).isEqualTo(2);
        assertThat(b.err()).contains("not a kpaudit baseline");
    }

    private static void deleteTree(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            for (Path x : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
