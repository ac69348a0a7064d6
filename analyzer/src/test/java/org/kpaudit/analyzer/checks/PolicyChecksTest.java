package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.G_FILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.G_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.G_UNFILTERED;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Policy;

/** KP401-KP405: the site policy. */
class PolicyChecksTest {

    static Policy policy(String yaml) throws Exception {
        return Policy.parse("test.yaml", yaml);
    }

    @Nested
    class FunctionFilter {
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
            List<Finding> f = run(new FunctionPolicyCheck(), sample(Fixtures.CXX, null,
                    policy("deny_functions: ['shop::Inventory::*']")));
            assertThat(f).singleElement().satisfies(x -> assertThat(x.location().function())
                    .isEqualTo("_ZN4shop9Inventory4takeEi"));
        }
    }

    @Nested
    class NeverPatchable {
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

    @Nested
    class MaxFunctions {
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

    @Nested
    class ImportPolicy {
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

    @Nested
    class WritableData {
        @Test
        void allowedByDefault() {
            assertThat(run(new WritableDataCheck(), sample(Fixtures.SHARED))).isEmpty();
        }

        @Test
        void forbiddenByPolicy() throws Exception {
            // b_shared_lib/README: .kpatch.data holds the 42-byte format string
            assertThat(run(new WritableDataCheck(), sample(Fixtures.SHARED, null, policy("allow_writable_data: false"))))
                    .singleElement().satisfies(x -> {
                        assertThat(x.location().section()).isEqualTo(".kpatch.data");
                        assertThat(x.message()).contains("42 bytes");
                    });
            assertThat(run(new WritableDataCheck(), sample(Fixtures.A, null, policy("allow_writable_data: false"))))
                    .isEmpty();
        }
    }
}
