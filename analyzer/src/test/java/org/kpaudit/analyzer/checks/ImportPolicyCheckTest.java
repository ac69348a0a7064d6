package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.G_FILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.G_UNFILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.policy;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link ImportPolicyCheck}: KP404 import-policy. */
class ImportPolicyCheckTest {

    @Test
    void listedImportsPass() throws Exception {
        assertThat(run(new ImportPolicyCheck(), sample(G_FILTERED, null, policy("allowed_imports: [atoi]"))))
                .isEmpty();
        assertThat(run(new ImportPolicyCheck(), sample(G_FILTERED, null,
                policy("allowed_imports: ['atoi@GLIBC_2.2.*']")))).isEmpty();
    }

    @Test
    void unlistedImportsFail() throws Exception {
        // g_func_filter/README: unfiltered imports printf, fflush, atoi, usleep
        assertThat(run(new ImportPolicyCheck(), sample(G_UNFILTERED, null, policy("allowed_imports: [atoi]"))))
                .extracting(Finding::message).hasSize(3).anySatisfy(m -> assertThat(m).contains("printf@GLIBC_2.2.5"));
    }
}
