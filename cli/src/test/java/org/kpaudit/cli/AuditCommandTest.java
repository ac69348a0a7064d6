package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/** The main job on the bundled samples. */
class AuditCommandTest {

    @Test
    void auditsTheSamplesAndWritesBothReports(@TempDir Path out) throws Exception {
        long kpatchFiles;
        try (Stream<Path> s = Files.walk(Samples.samples())) {
            kpatchFiles = s.filter(p -> p.toString().endsWith(".kpatch")).count();
        }
        CliRunner r = CliRunner.run("audit", "--output-dir", out.toString(), Samples.samples().toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // samples/klp holds three livepatch modules (patch-a for 6.12 and 6.1, patch-b)
        assertThat(r.out()).startsWith("kpaudit audit: " + kpatchFiles + " patches, ")
                .contains(" 3 livepatch modules, ")
                .contains("HTML report: " + out.resolve("kpaudit-report.html"))
                .contains("YAML report: " + out.resolve("kpaudit-report.yaml"));
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kpaudit-report.html",
                    "kpaudit-report.yaml");
        }
        Document doc = Jsoup.parse(out.resolve("kpaudit-report.html").toFile(), "UTF-8");
        assertThat(doc.select("section.patch")).hasSize((int) kpatchFiles);
        // corpus klp README: patch-b (replace) replaces patch_a, keeps cmdline_proc_show, adds version_proc_show sympos 1
        assertThat(doc.select("section.module-chain")).hasSize(2);
        String steps = doc.select("section.module-chain[data-kernel^=6.12] table.steps").text();
        assertThat(steps).contains("patch_b patch_a vmlinux:cmdline_proc_show,0 kept; vmlinux:version_proc_show,1 added")
                .contains("0x5eed v1 introduced");
        // the extern-TLS patch of the corpus is reported
        assertThat(doc.select("tr.finding[data-check=KP206]")).isNotEmpty();
        // the cores: a_bounds_check README: core-2 has A0001 with entry e9 03 61 00 00 at 0x558da3275169 jumping to
        // 0x558da327b271, saved bytes 55 48 89 e5 89; core-1 and core-3 have no patch
        long cores;
        try (Stream<Path> s = Files.walk(Samples.samples())) {
            cores = s.filter(p -> p.getFileName().toString().startsWith("core-") && !p.toString().endsWith(".txt")).count();
        }
        assertThat(r.out()).contains(", " + cores + " core dumps: ");
        assertThat(doc.select("section.core")).hasSize((int) cores);
        var core2 = doc.selectFirst("section.core[data-file$=a_bounds_check/runtime/core-2-patched]");
        assertThat(core2.select("tr.patched-function td").eachText().subList(0, 6))
                .containsExactly("lookup_slot", "0x558da3275169", "e9 03 61 00 00", "0x558da327b271", "55 48 89 e5 89", "active");
        if (org.kpaudit.analyzer.disasm.Disassembler.available()) {
            // the jump written over the entry, and the saved original bytes (push %rbp; mov %rsp,%rbp), as code
            assertThat(core2.select("tr.patched-function td").eachText().subList(6, 8))
                    .containsExactly("jmp 0x558da327b271", "pushq %rbp; movq %rsp, %rbp");
            // the new code of lookup_slot, with its one relocation named (readelf -r: R_X86_64_PC32 .data + 1c)
            var disasm = doc.selectFirst("section.patch[data-file$=a_bounds_check/patch/"
                    + "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch] details.disasm[data-function=lookup_slot]");
            assertThat(disasm).isNotNull();
            assertThat(disasm.select("tr.relocated td").eachText())
                    .containsExactly("0x1270", "48 8d 05 c9 2d 00 00", "leaq 0x2dc9(%rip), %rax", "R_X86_64_PC32 .data+0x1c");
        }
        assertThat(doc.select("section.core[data-file$=core-1-unpatched] p.no-patch")).hasSize(1);
        assertThat(doc.select("section.core[data-file$=core-3-after-unpatch] p.no-patch")).hasSize(1);
        String yaml = Files.readString(out.resolve("kpaudit-report.yaml"));
        assertThat(yaml).startsWith("schema: kpaudit-check/1").contains("livepatch:").contains("cores:");

        // chains only where the loader formed them: e_tls/patch and e_tls/extern_tls_crash/patch (and the two
        // folders of g_func_filter) are alternatives, not stacks; f's three levels are a chain because
        // runtime-chain/core-all-applied holds them applied together (step3-info.txt: F1, F2, F3)
        com.fasterxml.jackson.databind.JsonNode t = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
        assertThat(t.get("chains")).singleElement().satisfies(c -> {
            assertThat(c.get("build_id").asText()).isEqualTo("fb080d8b220ac2221c8f235ed385636698becbb2");
            assertThat(c.get("order").asText()).startsWith("applied order in core ").endsWith("core-all-applied");
            assertThat(c.get("members")).extracting(m -> m.get("id").asText()).containsExactly("F1", "F2", "F3");
        });
        assertThat(t.get("findings")).noneSatisfy(f -> assertThat(f.get("check").asText()).isEqualTo("KC501"));
        assertThat(t.get("findings")).filteredOn(f -> f.get("check").asText().equals("KC502"))
                .singleElement().satisfies(f -> assertThat(f.get("function").asText()).isEqualTo("check_port"));
        // the hook core in the HTML report: the hook with its object offset and target mapping, and what was verified
        // (the program is among the audited files, libc and the loader are not: forensics/inline-hook/README.md)
        var hookCore = doc.selectFirst("section.core[data-file$=inline-hook/core-hooked]");
        assertThat(hookCore.select("table.hooks tbody td").eachText()).contains("check_password", "0x55d1f7f5c179",
                "hookdemo +0x1179", "e9 82 fe ff 03", "jmp rel32", "0x55d1fbf5c000-0x55d1fbf5d000 rwx anonymous");
        assertThat(hookCore.select("dd.unverified-count").text()).isEqualTo("1 of 3 (2 not verified)");
        assertThat(hookCore.select("table.anonymous-code td").eachText()).contains("rwx", "4096");
        // the hook core of samples/forensics is reported; the verdict is not PASS
        assertThat(t.get("findings")).anySatisfy(f -> assertThat(f.get("check").asText()).isEqualTo("SC101"));
        assertThat(t.at("/summary/verdict").asText()).isEqualTo("FAIL");
    }

    @Test
    void failOnMakesFindingsFail(@TempDir Path out) {
        CliRunner r = CliRunner.run("audit", "--fail-on", "error", "-d", out.toString(),
                Samples.path("libcare/e_tls").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        CliRunner bad = CliRunner.run("audit", "--fail-on", "fatal", "-d", out.toString(),
                Samples.path("libcare/e_tls").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
