package org.kpaudit.analyzer.upatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.BID;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.run;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.subject;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.target;

import org.junit.jupiter.api.Test;
import org.kpaudit.testing.UpatchWriter;

class UpatchOldFunctionCheckTest {

    private final UpatchOldFunctionCheck check = new UpatchOldFunctionCheck();
    /** old_addr as upatch-diff writes it: the target address minus text_offset (upatch-format.md 3). */
    private static final long T = UpatchFixtures.textOffset();

    @Test
    void addressesAndSizesOfTheTargetPass() {
        // UpatchFixtures.target: do_check at 0x1180 (0x30 bytes), parse_args at 0x1200 (0x64)
        assertThat(T).isPositive();
        assertThat(run(check, subject(new UpatchWriter().func("do_check", 64, 0x1180 - T, 0x30, 0)
                .func("parse_args", 128, 0x1200 - T, 0x64, 0), target(BID)))).isEmpty();
        // without the target nothing is said
        assertThat(run(check, subject(new UpatchWriter().func("do_check", 64, 0x1190, 0x30, 0), null))).isEmpty();
    }

    @Test
    void anotherAddressASizeOrAnAbsentFunctionAreReported() {
        assertThat(run(check, subject(new UpatchWriter().func("do_check", 64, 0x1190 - T, 0x30, 0)
                .func("parse_args", 128, 0x1200 - T, 0x70, 0).func("gone", 16, 0x1300 - T, 0x20, 0), target(BID))))
                .extracting(f -> f.location().function()).containsExactly("do_check", "parse_args", "gone");
        assertThat(run(check, subject(new UpatchWriter().func("do_check", 64, 0x1190 - T, 0x30, 0), target(BID))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("do_check is at 0x1180")
                        .contains("is 0x1190: the trampoline"));
    }
}
