package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.F1;
import static org.kpaudit.analyzer.checks.Fixtures.F2;
import static org.kpaudit.analyzer.checks.Fixtures.F3;
import static org.kpaudit.analyzer.checks.Fixtures.runChain;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link StackedFunctionCheck}: KC502 stacked-function. */
class StackedFunctionCheckTest {

    @Test
    void disjointPatchesDoNotOverlap() {
        assertThat(runChain(new StackedFunctionCheck(), List.of(sample(F1), sample(F2)), Map.of())).isEmpty();
    }

    @Test
    void checkPortChangedByF1AndF3() {
        // f_incremental_stacked/README: F1 and F3 both change check_port; FILO unpatch F3, F2, F1
        List<Finding> f = runChain(new StackedFunctionCheck(), List.of(sample(F1), sample(F2), sample(F3)),
                Map.of());
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.location().function()).isEqualTo("check_port");
            assertThat(x.location().patch()).isEqualTo("F3");
            assertThat(x.message()).contains("F1 and F3").contains("F3 is applied last and wins")
                    .contains("(F3, F2, F1)");
        });
    }
}
