package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.kpaudit.testing.Samples;

class DiffCommandTest {

    private static final String G = "libcare/g_func_filter/%s/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch";
    private static final String F = "libcare/f_incremental_stacked";

    @Test
    void filteredAgainstUnfiltered() {
        CliRunner r = CliRunner.run("diff", "-f", "yaml", Samples.path(G.formatted("unfiltered")).toString(),
                Samples.path(G.formatted("filtered")).toString());
        // nothing new in the filtered patch: exit 0
        assertThat(r.exitCode()).isZero();
        // g README: 6008 -> 4680 bytes; report and main dropped by the filter; KP402 (main) goes away
        assertThat(r.out()).contains("identical: false")
                .contains("- field: total_size\n        old: 6008\n        new: 4680")
                .contains("- function: main\n        change: removed")
                .contains("- function: report\n        change: removed")
                .contains("resolved_findings:\n  - check: KP402");
    }

    @Test
    void aNewNeverPatchableFunctionFailsTheDiff() {
        CliRunner r = CliRunner.run("diff", "-f", "json", Samples.path(G.formatted("filtered")).toString(),
                Samples.path(G.formatted("unfiltered")).toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("\"check\" : \"KP402\"").contains("\"function\" : \"main\"");
        assertThat(CliRunner.run("diff", "--fail-on", "none", Samples.path(G.formatted("filtered")).toString(),
                Samples.path(G.formatted("unfiltered")).toString()).exitCode()).isZero();
    }

    @Test
    void twoChains() {
        // f README: F1 changes check_port; F2 check_name; F3 check_port again, and wins
        CliRunner r = CliRunner.run("diff", "-f", "yaml", Samples.path(F + "/level1").toString(),
                Samples.path(F).toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("patches_added:\n  - ").contains("(F2)").contains("(F3)")
                .contains("- function: check_port\n        old_winner: F1\n        new_winner: F3")
                .contains("- function: check_name\n        old_winner: null\n        new_winner: F2");
    }

    @Test
    void htmlIsOneSelfContainedPage() {
        CliRunner r = CliRunner.run("diff", "-f", "html", Samples.path(F + "/level1").toString(), Samples.path(F).toString());
        assertThat(r.exitCode()).isZero();
        Document doc = Jsoup.parse(r.out());
        assertThat(doc.getElementById("verdict").text()).isEqualTo("DIFFERENT");
        assertThat(doc.select("section.chain-diff table tbody tr")).hasSize(2);
        // findings are matched by their baseline fingerprint (patch and logical location): the chain's KC502, and
        // the added patches F2 and F3 bring their own KP105 (no target given), which F1's does not stand for
        assertThat(doc.select("#new-findings tr.finding").eachAttr("data-check"))
                .containsExactlyInAnyOrder("KC502", "KP105", "KP105");
        assertThat(doc.select("link, script[src], img[src]")).isEmpty();
    }

    @Test
    void unreadableInputIsExitThree() {
        CliRunner r = CliRunner.run("diff", Samples.path(G.formatted("filtered")).toString(),
                Samples.path("libcare/g_func_filter/README.md").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("README.md");
    }
}
