package org.kpaudit.analyzer.upatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.BID;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.run;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.subject;
import static org.kpaudit.analyzer.upatch.UpatchFixtures.target;

import org.junit.jupiter.api.Test;
import org.kpaudit.testing.UpatchWriter;

class UpatchBuildIdCheckTest {

    private final UpatchBuildIdCheck check = new UpatchBuildIdCheck();

    @Test
    void theRecordedBuildIdOfTheTargetPasses() {
        assertThat(run(check, subject(new UpatchWriter().func("do_check", 64, 0x1180, 0x30, 0), target(BID)))).isEmpty();
    }

    @Test
    void aForgedBuildIdIsReported() {
        String other = "00000000000000000000000000000000deadbeef";
        assertThat(run(check, subject(new UpatchWriter().func("do_check", 64, 0x1180, 0x30, 0).buildId(other),
                target(BID)))).singleElement().satisfies(f -> {
                    assertThat(f.checkId()).isEqualTo("UP104");
                    assertThat(f.message()).contains("built for build-id " + other).contains("has build-id " + BID);
                });
    }
}
