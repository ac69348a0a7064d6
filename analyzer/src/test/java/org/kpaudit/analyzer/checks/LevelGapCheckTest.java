package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.F1;
import static org.kpaudit.analyzer.checks.Fixtures.F2;
import static org.kpaudit.analyzer.checks.Fixtures.F3;
import static org.kpaudit.analyzer.checks.Fixtures.F_BID;
import static org.kpaudit.analyzer.checks.Fixtures.runChain;
import static org.kpaudit.analyzer.checks.Fixtures.stored;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link LevelGapCheck}: KC504 level-gap. */
class LevelGapCheckTest {

    @Test
    void consecutiveLevelsWithLatestOnTheHighest() {
        assertThat(runChain(new LevelGapCheck(), List.of(stored(F1, 1), stored(F2, 2), stored(F3, 3)),
                Map.of("store/" + F_BID, "3"))).isEmpty();
    }

    @Test
    void gapAndStaleLatestAreReported() {
        List<Finding> f = runChain(new LevelGapCheck(), List.of(stored(F3, 3), stored(F1, 1)),
                Map.of("store/" + F_BID, "1"));
        assertThat(f).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("jump from 1 to 3").contains("level 2 is missing"),
                m -> assertThat(m).contains("names level 1").contains("highest stored level is 3"));
    }
}
