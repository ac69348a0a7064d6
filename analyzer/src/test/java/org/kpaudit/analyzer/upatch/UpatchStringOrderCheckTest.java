package org.kpaudit.analyzer.upatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.run;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.subject;

import org.junit.jupiter.api.Test;
import org.kpaudit.testing.UpatchWriter;

class UpatchStringOrderCheckTest {

    private final UpatchStringOrderCheck check = new UpatchStringOrderCheck();

    @Test
    void stringsInEntryOrderPass() {
        assertThat(run(check, subject(new UpatchWriter().func("a", 16, 0x1000, 32, 0).func("b", 16, 0x1100, 32, 0),
                null))).isEmpty();
    }

    @Test
    void swappedStringsAreReported() {
        assertThat(run(check, subject(new UpatchWriter().func("first", 16, 0x1000, 32, 0).func("second", 16, 0x1100, 32,
                0).swapStrings(), null))).singleElement().satisfies(f -> {
                    assertThat(f.checkId()).isEqualTo("UP103");
                    assertThat(f.message()).contains("entry 0 is first but the 1st string is second")
                            .contains("entry 1 is second but the 2nd string is first");
                });
    }
}
