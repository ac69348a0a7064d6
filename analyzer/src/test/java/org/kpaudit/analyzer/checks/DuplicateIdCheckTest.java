package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.F1;
import static org.kpaudit.analyzer.checks.Fixtures.F2;
import static org.kpaudit.analyzer.checks.Fixtures.F3;
import static org.kpaudit.analyzer.checks.Fixtures.G_FILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.G_UNFILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.runChain;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link DuplicateIdCheck}: KC501 duplicate-patch-id. */
class DuplicateIdCheckTest {

    @Test
    void distinctIdsPass() {
        assertThat(runChain(new DuplicateIdCheck(), List.of(sample(F1), sample(F2), sample(F3)), Map.of()))
                .isEmpty();
    }

    @Test
    void sameIdTwiceFails() {
        // g_func_filter/README: both builds have id G0001 and the same build-id
        List<Finding> f = runChain(new DuplicateIdCheck(), List.of(sample(G_UNFILTERED),
                sample(G_FILTERED)), Map.of());
        assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("'G0001'"));
    }
}
