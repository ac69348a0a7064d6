package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.F1;
import static org.kpaudit.analyzer.checks.Fixtures.F2;
import static org.kpaudit.analyzer.checks.Fixtures.runChain;
import static org.kpaudit.analyzer.checks.Fixtures.stored;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link ChainBuildIdCheck}: KC503 chain-build-id. */
class ChainBuildIdCheckTest {

    @Test
    void membersBuiltForTheChainsBuildId() {
        assertThat(runChain(new ChainBuildIdCheck(), List.of(stored(F1, 1), stored(F2, 2)), Map.of())).isEmpty();
    }

    @Test
    void aForeignPatchInTheStorageDirectoryFails() {
        List<Finding> f = runChain(new ChainBuildIdCheck(), List.of(stored(F1, 1), stored(A, 2)),
                Map.of());
        assertThat(f).singleElement().satisfies(x -> assertThat(x.message())
                .contains("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4"));
    }
}
