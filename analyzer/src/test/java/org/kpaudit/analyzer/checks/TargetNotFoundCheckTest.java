package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.input.TargetResolver;

/** {@link TargetNotFoundCheck}: KP105 target-not-found. */
class TargetNotFoundCheckTest {

    @Test
    void silentWhenMatched() {
        assertThat(run(new TargetNotFoundCheck(), sample(A, A_TARGET))).isEmpty();
    }

    @Test
    void unverifiedNoteWhenNoTargetWasGiven() {
        assertThat(run(new TargetNotFoundCheck(), sample(A))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.unverified()).isTrue();
            assertThat(f.message()).contains("No target was given").contains("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        });
    }

    @Test
    void noteWhenTheSysrootHasNoSuchBuildId(@TempDir Path emptySysroot) {
        PatchSubject base = sample(A);
        TargetResolver r = new TargetResolver(List.of(), emptySysroot, null);
        TargetResolver.Resolution res = r.resolve(base.patch().header().buildId());
        assertThat(res.status()).isEqualTo(PatchSubject.TargetStatus.NOT_FOUND);
        PatchSubject p = new PatchSubject(base.display(), base.patch(), base.name(), null, res.status(),
                Policy.defaults());
        assertThat(run(new TargetNotFoundCheck(), p)).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.unverified()).isTrue();
                });
    }
}
