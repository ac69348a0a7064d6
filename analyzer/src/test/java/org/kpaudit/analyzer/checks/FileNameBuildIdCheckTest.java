package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.renamed;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;

/** {@link FileNameBuildIdCheck}: KP103 file-name-build-id. */
class FileNameBuildIdCheckTest {

    @Test
    void realFileNameEqualsItsHeader() {
        assertThat(run(new FileNameBuildIdCheck(), sample(A))).isEmpty();
        PatchSubject storage = renamed(sample(A),
                "store/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4/1/kpatch.bin");
        assertThat(run(new FileNameBuildIdCheck(), storage)).isEmpty();
    }

    @Test
    void renamedFileIsReportedInBothLayouts() {
        PatchSubject flat = renamed(sample(A), "patchroot/996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch");
        assertThat(run(new FileNameBuildIdCheck(), flat)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("is named 996a071e"));
        PatchSubject storage = renamed(sample(A),
                "t.tgz!store/996a071e5c245d8156bd9cbe51b867ae913808fa/latest/kpatch.bin");
        assertThat(run(new FileNameBuildIdCheck(), storage)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("build-id directory 996a071e"));
    }
}
