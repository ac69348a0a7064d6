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
    void silentWhenMatchedOrWhenNoTargetWasAskedFor() {
        assertThat(run(new TargetNotFoundCheck(), sample(A, A_TARGET))).isEmpty();
        assertThat(run(new TargetNotFoundCheck(), sample(A))).isEmpty();
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
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.NOTE));
    }
}
