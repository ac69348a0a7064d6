package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.SHARED;
import static org.kpaudit.analyzer.checks.Fixtures.SHARED_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.FileNameFacts;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.input.TargetResolver;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.Samples;

/** {@link ImportResolutionCheck}: KP203 unresolved-import. */
class ImportResolutionCheckTest {

    /** A shared library exporting {@code fprintf} and {@code stderr} with the given types. */
    static byte[] fakeLibc(int fprintfType, boolean withStderr) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1000, new byte[64]);
        ElfWriter.Sec data = w.section(".data", ElfWriter.SHT_PROGBITS, 3, 0x3000, new byte[64]);
        List<ElfWriter.Sym> syms = new java.util.ArrayList<>();
        syms.add(new ElfWriter.Sym("fprintf", 0x1000, 16, fprintfType, 1, text.index()));
        if (withStderr) {
            syms.add(new ElfWriter.Sym("stderr", 0x3000, 8, 1, 1, data.index()));
        }
        w.symbolTable(".dynsym", ".dynstr", ElfWriter.SHT_DYNSYM, syms);
        return w.build();
    }

    PatchSubject inSysroot(Path root, byte[] libc) throws Exception {
        Files.createDirectories(root.resolve("usr/lib"));
        Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
        Files.copy(Samples.path(SHARED_TARGET), root.resolve("usr/lib/libshape.so"));
        Files.write(root.resolve("lib/x86_64-linux-gnu/libc.so.6"), libc);
        PatchSubject base = sample(SHARED);
        TargetResolver r = new TargetResolver(List.of(), root, null);
        TargetResolver.Resolution res = r.resolve(base.patch().header().buildId());
        assertThat(res.status()).isEqualTo(PatchSubject.TargetStatus.MATCH);
        assertThat(res.target().foundBy()).isEqualTo("sysroot scan");
        return new PatchSubject(base.display(), base.patch(), FileNameFacts.of(base.display()), res.target(),
                res.status(), Policy.defaults());
    }

    @Test
    void importsResolveInTheSysrootsLibc(@TempDir Path root) throws Exception {
        // b_shared_lib/README: imports fprintf@GLIBC_2.2.5 (FUNC) and stderr@GLIBC_2.2.5 (OBJECT)
        PatchSubject p = inSysroot(root, fakeLibc(2, true));
        assertThat(p.target().libraries()).singleElement().satisfies(l -> assertThat(l.found()).isTrue());
        assertThat(run(new ImportResolutionCheck(), p)).isEmpty();
    }

    @Test
    void missingSymbolAndWrongTypeAreErrors(@TempDir Path root) throws Exception {
        PatchSubject p = inSysroot(root, fakeLibc(1, false));
        List<Finding> f = run(new ImportResolutionCheck(), p);
        assertThat(f).hasSize(2).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
        assertThat(f).anySatisfy(x -> assertThat(x.message()).contains("stderr@GLIBC_2.2.5 is not exported"));
        assertThat(f).anySatisfy(x -> assertThat(x.message()).contains("fprintf@GLIBC_2.2.5 is a function")
                .contains("as data object"));
    }

    @Test
    void unfoundLibraryGivesOneNote() {
        PatchSubject p = sample(SHARED, SHARED_TARGET);
        assertThat(run(new ImportResolutionCheck(), p)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.NOTE);
            assertThat(x.message()).contains("libc.so.6");
        });
    }

    @Test
    void importsMissingForOneReasonAreOneFinding(@TempDir Path root) throws Exception {
        // a libc exporting neither of the two imports (b_shared_lib/README: fprintf and stderr): one root cause
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1000, new byte[64]);
        w.symbolTable(".dynsym", ".dynstr", ElfWriter.SHT_DYNSYM,
                List.of(new ElfWriter.Sym("puts", 0x1000, 16, 2, 1, text.index())));
        List<Finding> f = run(new ImportResolutionCheck(), inSysroot(root, w.build()));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("is not exported by the target")
                    .contains("The same holds for 1 more import(s)");
            assertThat(x.message()).contains("fprintf@GLIBC_2.2.5").contains("stderr@GLIBC_2.2.5");
        });
    }
}
