package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.SHARED;
import static org.kpaudit.analyzer.checks.Fixtures.policy;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;

/** {@link WritableDataCheck}: KP405 writable-data. */
class WritableDataCheckTest {

    @Test
    void allowedByDefault() {
        assertThat(run(new WritableDataCheck(), sample(SHARED))).isEmpty();
    }

    @Test
    void forbiddenByPolicy() throws Exception {
        // b_shared_lib/README: .kpatch.data holds the 42-byte format string
        assertThat(run(new WritableDataCheck(), sample(SHARED, null, policy("allow_writable_data: false"))))
                .singleElement().satisfies(x -> {
                    assertThat(x.location().section()).isEqualTo(".kpatch.data");
                    assertThat(x.message()).contains("42 bytes");
                });
        assertThat(run(new WritableDataCheck(), sample(A, null, policy("allow_writable_data: false"))))
                .isEmpty();
    }
}
