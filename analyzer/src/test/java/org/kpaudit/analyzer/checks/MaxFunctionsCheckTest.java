package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.G_UNFILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.policy;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;

/** {@link MaxFunctionsCheck}: KP403 max-functions. */
class MaxFunctionsCheckTest {

    @Test
    void withinTheLimit() throws Exception {
        assertThat(run(new MaxFunctionsCheck(), sample(G_UNFILTERED, null, policy("max_functions: 3")))).isEmpty();
        assertThat(run(new MaxFunctionsCheck(), sample(G_UNFILTERED))).isEmpty();
    }

    @Test
    void overTheLimit() throws Exception {
        assertThat(run(new MaxFunctionsCheck(), sample(G_UNFILTERED, null, policy("max_functions: 2"))))
                .singleElement().satisfies(x -> assertThat(x.message()).contains("3 functions"));
    }
}
