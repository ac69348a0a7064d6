package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kpaudit.testing.Samples;

class DiffCommandTest {

    private static final String G = "libcare/g_func_filter/%s/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch";

    @Test
    void filteredAgainstUnfiltered() {
        CliRunner r = CliRunner.run("diff", "-f", "yaml", Samples.path(G.formatted("unfiltered")).toString(),
                Samples.path(G.formatted("filtered")).toString());
        assertThat(r.exitCode()).isZero();
        // g README: 6008 -> 4680 bytes; report and main dropped by the filter
        assertThat(r.out()).contains("identical: false")
                .contains("- field: total_size\n    old: 6008\n    new: 4680")
                .contains("- function: main\n    change: removed").contains("- function: report\n    change: removed");
    }

    @Test
    void unreadableInputIsExitThree() {
        CliRunner r = CliRunner.run("diff", Samples.path(G.formatted("filtered")).toString(),
                Samples.path("libcare/g_func_filter/README.md").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("not a .kpatch file (no KPATCH1 magic)");
    }
}
