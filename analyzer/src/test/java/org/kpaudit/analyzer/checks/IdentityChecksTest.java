package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.O2_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.input.TargetResolver;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** KP101-KP105: build-id, file name, id, target found. One nested class per check. */
class IdentityChecksTest {

    static byte[] synthetic(String buildId, String id) {
        return new KpatchWriter().buildId(buildId).id(id)
                .elf(PatchBuilder.x86().changed("f", 0x10, 20, 30).build()).build();
    }

    @Nested
    class BuildIdFormat {
        @Test
        void realPatchHasAWellFormedBuildId() {
            assertThat(run(new BuildIdFormatCheck(), sample(A))).isEmpty();
        }

        @Test
        void uppercaseOrShortBuildIdIsReportedAtTheField() {
            PatchSubject upper = Fixtures.subject("x.kpatch", synthetic("A089A4F5E43BA0634A4EF66DEEEF1450FFE24AA4", "T1"),
                    null, Policy.defaults());
            List<Finding> f = run(new BuildIdFormatCheck(), upper);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.checkId()).isEqualTo("KP101");
                // V4: buildid[41] at offset 88 (kpatch-format.md 1.1)
                assertThat(x.location().byteOffset()).isEqualTo(88);
                assertThat(x.location().byteLength()).isEqualTo(41);
                assertThat(x.message()).contains("other than 0-9 and a-f");
            });
            PatchSubject empty = Fixtures.subject("x.kpatch", synthetic("", "T1"), null, Policy.defaults());
            assertThat(run(new BuildIdFormatCheck(), empty)).singleElement()
                    .satisfies(x -> assertThat(x.message()).contains("is empty"));
        }
    }

    @Nested
    class BuildIdMismatch {
        @Test
        void patchWithItsOwnTargetMatches() {
            PatchSubject p = sample(A, A_TARGET);
            assertThat(p.targetStatus()).isEqualTo(PatchSubject.TargetStatus.MATCH);
            assertThat(run(new BuildIdMismatchCheck(), p)).isEmpty();
        }

        @Test
        void patchAgainstTheWrongBinaryIsAnError() {
            // a_bounds_check's patch against h_O2's binary: build-ids from the two cases' READMEs
            PatchSubject p = sample(A, O2_TARGET);
            assertThat(p.targetStatus()).isEqualTo(PatchSubject.TargetStatus.MISMATCH);
            assertThat(run(new BuildIdMismatchCheck(), p)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message()).contains("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4")
                        .contains("996a071e5c245d8156bd9cbe51b867ae913808fa");
            });
        }
    }

    @Nested
    class FileNameBuildId {
        @Test
        void realFileNameEqualsItsHeader() {
            assertThat(run(new FileNameBuildIdCheck(), sample(A))).isEmpty();
            PatchSubject storage = Fixtures.renamed(sample(A),
                    "store/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4/1/kpatch.bin");
            assertThat(run(new FileNameBuildIdCheck(), storage)).isEmpty();
        }

        @Test
        void renamedFileIsReportedInBothLayouts() {
            PatchSubject flat = Fixtures.renamed(sample(A), "patchroot/996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch");
            assertThat(run(new FileNameBuildIdCheck(), flat)).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("is named 996a071e"));
            PatchSubject storage = Fixtures.renamed(sample(A),
                    "t.tgz!store/996a071e5c245d8156bd9cbe51b867ae913808fa/latest/kpatch.bin");
            assertThat(run(new FileNameBuildIdCheck(), storage)).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("build-id directory 996a071e"));
        }
    }

    @Nested
    class PatchId {
        @Test
        void realIdIsFine() {
            assertThat(run(new PatchIdCheck(), sample(A))).isEmpty();
        }

        @Test
        void emptyIdIsAWarning() {
            PatchSubject p = Fixtures.subject("x.kpatch", synthetic("0123456789abcdef0123456789abcdef01234567", ""),
                    null, Policy.defaults());
            assertThat(run(new PatchIdCheck(), p)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.location().byteOffset()).isEqualTo(8);
            });
        }

        @Test
        void idWithoutNulIsAWarning() {
            byte[] b = Fixtures.patched(Fixtures.bytes(A), 8, "ABCDEFGH".getBytes(StandardCharsets.US_ASCII));
            PatchSubject p = Fixtures.subject("x.kpatch", b, null, Policy.defaults());
            assertThat(run(new PatchIdCheck(), p)).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("no terminating NUL"));
        }
    }

    @Nested
    class TargetNotFound {
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
}
