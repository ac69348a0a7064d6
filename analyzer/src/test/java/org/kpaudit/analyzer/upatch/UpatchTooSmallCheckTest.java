package org.kpaudit.analyzer.upatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.run;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.subject;

import org.junit.jupiter.api.Test;
import org.kpaudit.testing.UpatchWriter;

class UpatchTooSmallCheckTest {

    private final UpatchTooSmallCheck check = new UpatchTooSmallCheck();

    @Test
    void functionsOfFourteenBytesOrMorePass() {
        // x86_64: ff 25 00 00 00 00 + 8-byte address = 14 bytes (upatch-format.md 5)
        assertThat(run(check, subject(new UpatchWriter().func("a", 16, 0x1000, 14, 0), null))).isEmpty();
    }

    @Test
    void aTenByteFunctionIsReported() {
        assertThat(run(check, subject(new UpatchWriter().func("tiny", 16, 0x1000, 10, 0), null))).singleElement()
                .satisfies(f -> {
                    assertThat(f.checkId()).isEqualTo("UP102");
                    assertThat(f.location().function()).isEqualTo("tiny");
                    assertThat(f.message()).contains("tiny is 10 bytes long").contains("14-byte trampoline");
                });
    }
}
