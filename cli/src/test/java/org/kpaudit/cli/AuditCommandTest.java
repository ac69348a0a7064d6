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
                .contains(" 3 livepatch modules: ")
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
        String yaml = Files.readString(out.resolve("kpaudit-report.yaml"));
        assertThat(yaml).startsWith("schema: kpaudit-check/1").contains("livepatch:");
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
