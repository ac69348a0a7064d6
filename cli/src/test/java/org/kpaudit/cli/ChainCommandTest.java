package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.Samples;

/**
 * {@code kpaudit chain} on the samples/klp chain. Facts from samples/klp/patch-b/README.md: patch-b
 * is cumulative and replaces patch-a, keeps cmdline_proc_show (sympos 0, as in patch-a), adds
 * version_proc_show with old_sympos 1, declares state 0x5eed version 1; patch-a declares none.
 */
class ChainCommandTest {

    private static final String A = Samples.path("klp/patch-a/patch-a.ko").toString();
    private static final String A61 = Samples.path("klp/patch-a/k6.1/patch-a.ko").toString();
    private static final String B = Samples.path("klp/patch-b/patch-b.ko").toString();

    @Test
    void patchBReplacesPatchA() throws Exception {
        CliRunner r = CliRunner.run("chain", "--format", "json", A, B);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        JsonNode b = t.at("/chain/1");
        assertThat(b.get("module").asText()).isEqualTo("patch_b");
        assertThat(b.get("replace").asBoolean()).isTrue();
        assertThat(b.get("replaces")).hasSize(1);
        assertThat(b.at("/replaces/0").asText()).isEqualTo("patch_a");
        JsonNode kept = b.at("/functions/0");
        assertThat(kept.get("function").asText()).isEqualTo("cmdline_proc_show");
        assertThat(kept.get("change").asText()).isEqualTo("kept");
        assertThat(kept.at("/previously/0").asText()).isEqualTo("patch_a");
        JsonNode added = b.at("/functions/1");
        assertThat(added.get("function").asText()).isEqualTo("version_proc_show");
        assertThat(added.get("sympos").asInt()).isEqualTo(1);
        assertThat(added.get("change").asText()).isEqualTo("added");
        assertThat(b.get("functions")).hasSize(2);
        JsonNode state = b.at("/states/0");
        assertThat(state.get("id").asText()).isEqualTo("0x5eed");
        assertThat(state.get("version").asInt()).isEqualTo(1);
        assertThat(state.get("change").asText()).isEqualTo("introduced");
        // no defect; without the kernel, one KL116 note per module and the verdict INCOMPLETE
        assertThat(t.get("findings")).extracting(f -> f.get("rule").asText()).containsExactly("KL116", "KL116");
        assertThat(t.at("/summary/verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(t.at("/modules/0/replace").asBoolean()).isFalse();
    }

    @Test
    void textAndYamlShowTheSameChain() {
        // the 6.1 build of patch-a and the 6.12 patch-b cannot share a kernel: KL207, but the chain is still shown
        CliRunner text = CliRunner.run("chain", "-f", "text", A61, B);
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("rule: KL207").contains("name: vermagic-mismatch");
        assertThat(text.out()).containsPattern("vmlinux +cmdline_proc_show +0 +kept +pb_cmdline_show +\\[patch_a\\]")
                .containsPattern("vmlinux +version_proc_show +1 +added +pb_version_show")
                .containsPattern("0x5eed +1 +introduced");
        CliRunner yaml = CliRunner.run("chain", A, B);
        assertThat(yaml.out()).contains("replaces:\n      - patch_a\n").contains("change: introduced");
    }

    @Test
    void findingsAndFailOn(@TempDir Path dir) throws Exception {
        // patch_c: cumulative, drops version_proc_show and state 0x5eed of patch_b
        Path c = dir.resolve("patch-c.ko");
        KlpModuleBuilder cb = new KlpModuleBuilder("patch_c").replace(true);
        cb.object(null).func("cmdline_proc_show", 0);
        Files.write(c, cb.build());
        CliRunner r = CliRunner.run("chain", "-f", "json", B, c.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode t = new ObjectMapper().readTree(r.out());
        // KL116 for each module: no kernel given, so the checks against it did not run
        assertThat(t.get("findings")).extracting(f -> f.get("rule").asText())
                .containsExactlyInAnyOrder("KL201", "KL204", "KL205", "KL116", "KL116");
        assertThat(t.at("/summary/error").asInt()).isEqualTo(1);
        assertThat(t.at("/chain/1/functions/1/change").asText()).isEqualTo("reverted");
        assertThat(CliRunner.run("chain", "--fail-on", "none", B, c.toString()).exitCode()).isZero();

        // only a warning (stacking): fails with --fail-on warning, not by default
        Path x = dir.resolve("patch-x.ko");
        KlpModuleBuilder xb = new KlpModuleBuilder("patch_x");
        xb.object(null).func("cmdline_proc_show", 0);
        Files.write(x, xb.build());
        assertThat(CliRunner.run("chain", A, x.toString()).exitCode()).isZero();
        CliRunner w = CliRunner.run("chain", "--fail-on", "warning", "-f", "text", A, x.toString());
        assertThat(w.exitCode()).isEqualTo(1);
        assertThat(w.out()).contains("KL202");
    }

    @Test
    void targetSymbolList(@TempDir Path dir) throws Exception {
        // Module.symvers lacking seq_write, which patch-a uses (patch-a/README.md readelf -s)
        Path symvers = dir.resolve("Module.symvers");
        Files.writeString(symvers, "0x4139d4f8\tklp_enable_patch\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
                + "0xbdfb6dbb\t__fentry__\tvmlinux\tEXPORT_SYMBOL\t\n"
                + "0x5b8239ca\t__x86_return_thunk\tvmlinux\tEXPORT_SYMBOL\t\n");
        CliRunner r = CliRunner.run("chain", "-f", "json", "--target", symvers.toString(), A);
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.at("/findings/0/rule").asText()).isEqualTo("KL109");
        assertThat(t.at("/findings/0/location/symbol").asText()).isEqualTo("seq_write");
        // Module.symvers lists exports only: the symbol and ftrace checks still could not run
        assertThat(t.at("/findings/1/rule").asText()).isEqualTo("KL116");
        assertThat(t.at("/findings/1/message").asText()).contains("KL111").doesNotContain("KL109 and KL115");
        assertThat(t.at("/targets/0/format").asText()).isEqualTo("Module.symvers");
        assertThat(t.at("/targets/0/exports").asInt()).isEqualTo(3);
    }

    @Test
    void unreadableInputsAreReportedAndTheRestIsChecked(@TempDir Path dir) throws Exception {
        Path notKo = Samples.path("klp/patch-a/patch-a.c");
        Path missing = dir.resolve("missing.ko");
        CliRunner r = CliRunner.run("chain", A, notKo.toString(), missing.toString(), B);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("module: patch_b").contains("change: kept");
        assertThat(r.err().lines()).containsExactly(
                "kpaudit: error: " + notKo + ": offset 0x0: not a kernel module (detected unknown); chain reads"
                        + " livepatch .ko files",
                "kpaudit: error: " + missing + ": cannot read: no such file");
        Path badTarget = dir.resolve("t.txt");
        Files.writeString(badTarget, "hello\n");
        CliRunner t = CliRunner.run("chain", "--target", badTarget.toString(), A);
        assertThat(t.exitCode()).isEqualTo(3);
        assertThat(t.err()).contains("line 1 is neither a Module.symvers line");
    }

    @Test
    void usageAndOutputFile(@TempDir Path dir) throws Exception {
        assertThat(CliRunner.run("chain").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("chain", "--fail-on", "fatal", A).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("chain", "--format", "html", A).exitCode()).isEqualTo(2);
        Path out = dir.resolve("chain.json");
        CliRunner r = CliRunner.run("chain", "-f", "json", "-o", out.toString(), A, B);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).contains("\"change\" : \"kept\"");
    }
}
