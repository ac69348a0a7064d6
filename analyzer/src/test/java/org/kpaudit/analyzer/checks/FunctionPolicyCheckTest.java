package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.CXX;
import static org.kpaudit.analyzer.checks.Fixtures.G_FILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.G_UNFILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.policy;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

/** {@link FunctionPolicyCheck}: KP401 function-filter. */
class FunctionPolicyCheckTest {

    @Test
    void allowedFunctionsPass() throws Exception {
        assertThat(run(new FunctionPolicyCheck(), sample(G_FILTERED, null, policy("allow_functions: [parse_*]"))))
                .isEmpty();
    }

    @Test
    void unlistedAndDeniedFunctionsFail() throws Exception {
        // g_func_filter/README: unfiltered has parse_level, report, main
        List<Finding> f = run(new FunctionPolicyCheck(), sample(G_UNFILTERED, null,
                policy("allow_functions: [parse_*]")));
        assertThat(f).extracting(x -> x.location().function()).containsExactly("report", "main");
        List<Finding> d = run(new FunctionPolicyCheck(), sample(G_UNFILTERED, null,
                policy("deny_functions: ['rep?rt']")));
        assertThat(d).singleElement().satisfies(x -> assertThat(x.message()).contains("'rep?rt'"));
    }

    @Test
    void demangledGlobsMatchCxxNames() throws Exception {
        // h_cxx/README: _ZN4shop9Inventory4takeEi is changed
        List<Finding> f = run(new FunctionPolicyCheck(), sample(CXX, null,
                policy("deny_functions: ['shop::Inventory::*']")));
        assertThat(f).singleElement().satisfies(x -> assertThat(x.location().function())
                .isEqualTo("_ZN4shop9Inventory4takeEi"));
    }
}
