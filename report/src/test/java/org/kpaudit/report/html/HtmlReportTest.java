package org.kpaudit.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.CheckRun;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;
import org.kpaudit.testing.Samples;

/** The HTML report parsed back with jsoup: structure, findings, self-containment, escaping. */
class HtmlReportTest {

    private static final String F = "libcare/f_incremental_stacked";

    private static CheckRun run(List<Path> patches, List<Path> targets) {
        return CheckRun.run(patches, targets, null, null, Policy.defaults());
    }

    private static Document render(CheckRun run) {
        return Jsoup.parse(HtmlReport.render(run, Severity.ERROR, "test", List.of()));
    }

    @Test
    void onePatchSectionPerPatchAndFindingRowsMatchTheModel() {
        // the three level folders named one by one, in apply order: a chain (sibling folders of one tree would not be)
        CheckRun run = run(List.of(Samples.path(F + "/level1/patch"), Samples.path(F + "/level2/patch"),
                Samples.path(F + "/level3/patch"), Samples.path("libcare/e_tls/extern_tls_crash/patch")),
                List.of(Samples.path(F + "/original/portcheck"), Samples.path("libcare/e_tls/original/libdepth.so"),
                        Samples.path("libcare/e_tls/original/tlsdemo")));
        Document doc = render(run);
        assertThat(doc.select("section.patch")).hasSize(run.result().patches().size()).hasSize(4);
        List<Element> rows = doc.select("table.findings tbody tr.finding");
        List<Finding> findings = new java.util.ArrayList<>(run.result().findings());
        // the report lists the most severe first, then in the model's order
        findings.sort(java.util.Comparator.comparing(Finding::severity).thenComparing(Finding.ORDER));
        assertThat(rows).hasSize(findings.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).attr("data-check")).isEqualTo(findings.get(i).checkId());
            assertThat(rows.get(i).attr("data-severity")).isEqualTo(findings.get(i).severity().name());
            assertThat(rows.get(i).select("td").get(2).text()).isEqualTo(findings.get(i).message());
            // every check id links to its help in the catalogue
            String href = rows.get(i).select("a").attr("href");
            assertThat(doc.getElementById(href.substring(1))).isNotNull();
        }
        // the extern TLS crash (corpus e_tls/extern_tls_crash) is an error
        assertThat(rows).anySatisfy(r -> assertThat(r.attr("data-check")).isEqualTo("KP206"));
        assertThat(doc.getElementById("verdict").text()).isEqualTo("FAIL");
        // f README: F1 and F3 both change check_port; F3 wins; the chain diagram has the three patches
        Element chain = doc.selectFirst("section.chain");
        assertThat(chain).isNotNull();
        assertThat(chain.select("svg text.ph").eachText()).containsExactly("F1", "F2", "F3");
        assertThat(chain.select("svg text.fn").eachText()).containsExactly("check_name", "check_port");
        assertThat(chain.select("svg rect.win")).hasSize(2);
        assertThat(chain.select("svg rect.hid")).hasSize(1);
        assertThat(chain.select("table tbody tr").last().text()).contains("check_port").contains("F3");
    }

    @Test
    void patchSectionShowsTheFactsOfThePatch() {
        CheckRun run = run(List.of(Samples.path("libcare/a_bounds_check/patch")),
                List.of(Samples.path("libcare/a_bounds_check/original/bounds_demo")));
        Document doc = render(run);
        Element patch = doc.selectFirst("section.patch");
        // a_bounds_check README: A0001, lookup_slot at 0x1169 (38 bytes) -> 57 bytes, 43 sections, 1 PC32
        assertThat(patch.select("dd").eachText()).contains("A0001", "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        Element fn = patch.selectFirst("tr.changed-function");
        assertThat(fn.select("td").eachText()).containsExactly("changed", "lookup_slot", ".text+0xe9", "0x1169", "38", "57");
        assertThat(patch.select("table.sections tbody tr")).hasSize(43);
        assertThat(patch.select("table.relocations tbody tr")).hasSize(4);
        assertThat(patch.select("table.relocations tbody tr").first().text()).contains("R_X86_64_PC32").contains(".data");
        assertThat(patch.select("dd span.ok").text()).isEqualTo("matches");
        assertThat(doc.getElementById("verdict").text()).isEqualTo("PASS");
    }

    @Test
    void noExternalResources() {
        Document doc = render(run(List.of(Samples.path(F)), List.of(Samples.path(F + "/original/portcheck"))));
        assertThat(doc.select("link")).isEmpty();
        assertThat(doc.select("script[src], img[src], iframe, object, embed")).isEmpty();
        for (Element e : doc.select("[href]")) {
            assertThat(e.attr("href")).startsWith("#");
        }
        assertThat(doc.select("style").html()).doesNotContain("url(").doesNotContain("@import");
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
    }

    @Test
    void sameInputSameBytes() {
        CheckRun a = run(List.of(Samples.path(F)), List.of(Samples.path(F + "/original/portcheck")));
        CheckRun b = run(List.of(Samples.path(F)), List.of(Samples.path(F + "/original/portcheck")));
        assertThat(HtmlReport.render(a, Severity.ERROR, "v", List.of()))
                .isEqualTo(HtmlReport.render(b, Severity.ERROR, "v", List.of()));
    }

    /** Names that would break markup, fake text or hide content if they were not escaped. */
    static final String HOSTILE = "<script>alert('x')</script>\"&amp;<b onmouseover=x>\u0001\u202eevil";

    @Test
    void hostileNamesRenderAsText(@TempDir Path dir) throws IOException {
        byte[] elf = PatchBuilder.x86().changed(HOSTILE, 0x10, 20, 30).added("new_" + HOSTILE, 12)
                .importSymbol("imp" + HOSTILE + "@GLIBC_2.2.5").build();
        // one name also gets bytes that are not UTF-8: replace the marker "evil" of the first name with ff fe 80 41
        int at = indexOf(elf, "evil.kpatch".getBytes(StandardCharsets.US_ASCII));
        elf[at] = (byte) 0xff;
        elf[at + 1] = (byte) 0xfe;
        elf[at + 2] = (byte) 0x80;
        Path patch = dir.resolve("0123456789abcdef0123456789abcdef01234567.kpatch");
        Files.write(patch, new KpatchWriter().id("<i>&'\"").elf(elf).build());
        String html = HtmlReport.render(run(List.of(patch), List.of()), Severity.ERROR, "test", List.of());
        Document doc = Jsoup.parse(html);
        // the only script is ours, no element came from a name
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("script").first().html()).startsWith("// kpaudit report");
        assertThat(doc.select("b, i")).isEmpty();
        assertThat(doc.select("[onmouseover]")).isEmpty();
        // the names are there, as text: markup characters literal, control and bidi characters visible
        String text = doc.text();
        assertThat(text).contains("<script>alert('x')</script>\"&amp;<b onmouseover=x>\\u0001\\u202e");
        assertThat(text).contains("new_<script>alert('x')</script>");
        assertThat(text).contains("imp<script>alert('x')</script>");
        // the function name read from .kpatch.strtab, with its three bytes that are not UTF-8 shown as \\xNN
        assertThat(text).contains("\\u202e\\xff\\xfe\\x80l ");
        assertThat(text).contains("<i>&'\"");
        assertThat(html).doesNotContain("\u202e").doesNotContain("\u0001");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
