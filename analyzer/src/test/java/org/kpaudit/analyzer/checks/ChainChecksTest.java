package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.F1;
import static org.kpaudit.analyzer.checks.Fixtures.F2;
import static org.kpaudit.analyzer.checks.Fixtures.F3;
import static org.kpaudit.analyzer.checks.Fixtures.F_BID;
import static org.kpaudit.analyzer.checks.Fixtures.runChain;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;

/** KC501-KC504: incremental chains. */
class ChainChecksTest {

    static PatchSubject stored(String rel, int level) {
        return Fixtures.renamed(sample(rel), "store/" + F_BID + "/" + level + "/kpatch.bin");
    }

    @Nested
    class DuplicateId {
        @Test
        void distinctIdsPass() {
            assertThat(runChain(new DuplicateIdCheck(), List.of(sample(F1), sample(F2), sample(F3)), Map.of()))
                    .isEmpty();
        }

        @Test
        void sameIdTwiceFails() {
            // g_func_filter/README: both builds have id G0001 and the same build-id
            List<Finding> f = runChain(new DuplicateIdCheck(), List.of(sample(Fixtures.G_UNFILTERED),
                    sample(Fixtures.G_FILTERED)), Map.of());
            assertThat(f).singleElement().satisfies(x -> assertThat(x.message()).contains("'G0001'"));
        }
    }

    @Nested
    class StackedFunction {
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

    @Nested
    class ChainBuildId {
        @Test
        void membersBuiltForTheChainsBuildId() {
            assertThat(runChain(new ChainBuildIdCheck(), List.of(stored(F1, 1), stored(F2, 2)), Map.of())).isEmpty();
        }

        @Test
        void aForeignPatchInTheStorageDirectoryFails() {
            List<Finding> f = runChain(new ChainBuildIdCheck(), List.of(stored(F1, 1), stored(Fixtures.A, 2)),
                    Map.of());
            assertThat(f).singleElement().satisfies(x -> assertThat(x.message())
                    .contains("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4"));
        }
    }

    @Nested
    class LevelGap {
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
}
