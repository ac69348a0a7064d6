package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.G_FILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.G_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.G_UNFILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.policy;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link NeverPatchableCheck}: KP402 never-patchable. */
class NeverPatchableCheckTest {

    @Test
    void filteredPatchPassesTheDefaultPolicy() {
        assertThat(run(new NeverPatchableCheck(), sample(G_FILTERED, G_TARGET))).isEmpty();
    }

    @Test
    void unfilteredPatchFailsBecauseOfMain() throws Exception {
        assertThat(run(new NeverPatchableCheck(), sample(G_UNFILTERED, G_TARGET))).singleElement()
                .satisfies(x -> assertThat(x.location().function()).isEqualTo("main"));
        List<Finding> f = run(new NeverPatchableCheck(), sample(G_UNFILTERED, null,
                policy("thread_entry_points: [report]")));
        assertThat(f).extracting(x -> x.location().function()).containsExactlyInAnyOrder("main", "report");
    }
}
