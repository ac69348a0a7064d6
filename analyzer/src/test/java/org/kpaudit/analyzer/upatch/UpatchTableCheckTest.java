package org.kpaudit.analyzer.upatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.run;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.subject;

import org.junit.jupiter.api.Test;
import org.kpaudit.testing.UpatchWriter;

class UpatchTableCheckTest {

    private final UpatchTableCheck check = new UpatchTableCheck();

    @Test
    void twoRelocationsPerEntryPass() {
        assertThat(run(check, subject(new UpatchWriter().func("a", 16, 0x1000, 32, 0).func("b", 16, 0x1100, 32, 0),
                null))).isEmpty();
    }

    @Test
    void aMissingRelocationIsReported() {
        assertThat(run(check, subject(new UpatchWriter().func("a", 16, 0x1000, 32, 0).func("b", 16, 0x1100, 32, 0)
                .dropRelocations(1), null))).singleElement().satisfies(f -> {
                    assertThat(f.checkId()).isEqualTo("UP101");
                    assertThat(f.message()).contains("3 relocations of .upatch.funcs for 2 entries");
                    assertThat(f.location().section()).isEqualTo(".upatch.funcs");
                });
    }
}
