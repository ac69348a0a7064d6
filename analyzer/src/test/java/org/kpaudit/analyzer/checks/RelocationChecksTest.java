package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_EXE_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_EXTERN;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_LIB;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;

import java.nio.file.Files;
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
import org.kpaudit.analyzer.FileNameFacts;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;
import org.kpaudit.testing.Samples;

/** KP201-KP206: relocation types, bounds, imports, reach, TLS. */
class RelocationChecksTest {

    static final String ARM_B = "libcare-aarch64/b_new_helper/patch/9b51420587cf8f89d87b5048590f44564d1333c4.kpatch";
    static final String ARM_D = "libcare-aarch64/d_O2_tailcall/patch/5d3b22fefc78dc1110ceee0c9f0c1487bef27999.kpatch";
    static final String NOPIE = "libcare/h_pie_vs_nopie/nopie/patch/d579e3740e68355ff24f7b9c762921499177fc21.kpatch";
    static final String NOPIE_TARGET = "libcare/h_pie_vs_nopie/nopie/original/ringbuf";
    static final String PIE_TARGET = "libcare/h_pie_vs_nopie/pie/original/ringbuf";

    static PatchSubject synth(PatchBuilder b) {
        byte[] k = new KpatchWriter().elf(b.build()).build();
        return Fixtures.subject("synthetic.kpatch", k, null, Policy.defaults());
    }

    @Nested
    class UnsupportedRelocation {
        @Test
        void typesOfRealX86AndAarch64PatchesAreSupported() {
            assertThat(run(new UnsupportedRelocationCheck(), sample(Fixtures.CXX))).isEmpty();
            // libcare-aarch64 README: CALL26, ADR_GOT_PAGE, LD64_GOT_LO12_NC (b); JUMP26 (d)
            assertThat(run(new UnsupportedRelocationCheck(), sample(ARM_B))).isEmpty();
            assertThat(run(new UnsupportedRelocationCheck(), sample(ARM_D))).isEmpty();
        }

        @Test
        void plt32IsAnErrorAndAarch64Ldst8AWarning() {
            PatchSubject x86 = synth(PatchBuilder.x86().changed("f", 0x10, 20, 30).importSymbol("puts@GLIBC_2.2.5")
                    .textReloc(1, 4, "puts@GLIBC_2.2.5", -4));
            assertThat(run(new UnsupportedRelocationCheck(), x86)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message()).contains("R_X86_64_PLT32").contains("puts@GLIBC_2.2.5");
            });
            PatchSubject arm = synth(PatchBuilder.aarch64().changed("f", 0x10, 20, 32)
                    .textReloc(4, 278, ".data", 0x11));
            assertThat(run(new UnsupportedRelocationCheck(), arm)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.message()).contains("LDST8");
            });
        }
    }

    @Nested
    class RelocationBounds {
        @Test
        void realRelocationsStayInTheirSections() {
            assertThat(run(new RelocationBoundsCheck(), sample(Fixtures.CXX))).isEmpty();
        }

        @Test
        void relocationPastTheEndOfKpatchTextIsReported() {
            PatchSubject p = synth(PatchBuilder.x86().changed("f", 0x10, 20, 30).textReloc(28, 2, ".data", -4));
            assertThat(run(new RelocationBoundsCheck(), p)).singleElement().satisfies(f -> {
                assertThat(f.message()).contains("writes 4 bytes at offset 0x1c of .kpatch.text")
                        .contains("only 30 bytes");
                assertThat(f.location().section()).isEqualTo(".rela.kpatch.text");
            });
        }
    }

    @Nested
    class ImportResolution {
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
            Files.copy(Samples.path(Fixtures.SHARED_TARGET), root.resolve("usr/lib/libshape.so"));
            Files.write(root.resolve("lib/x86_64-linux-gnu/libc.so.6"), libc);
            PatchSubject base = sample(Fixtures.SHARED);
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
            PatchSubject p = sample(Fixtures.SHARED, Fixtures.SHARED_TARGET);
            assertThat(run(new ImportResolutionCheck(), p)).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.NOTE);
                assertThat(x.message()).contains("libc.so.6");
            });
        }
    }

    @Nested
    class RelocationReach {
        @Test
        void absolute32InANonPieExecutableReaches() {
            // h_pie_vs_nopie/README: 9 x R_X86_64_32S in the ET_EXEC build, addresses 0x40xxxx
            assertThat(run(new RelocationReachCheck(), sample(NOPIE, NOPIE_TARGET))).isEmpty();
            assertThat(run(new RelocationReachCheck(), sample(A, A_TARGET))).isEmpty();
        }

        @Test
        void absolute32InAPieTargetIsAnError() {
            List<Finding> f = run(new RelocationReachCheck(), sample(NOPIE, PIE_TARGET));
            assertThat(f).hasSize(9).allSatisfy(x -> assertThat(x.message()).contains("R_X86_64_32S")
                    .contains("position-independent"));
        }

        @Test
        void pc32AcrossAThreeGigabyteImageIsAnError() {
            byte[] k = new KpatchWriter().elf(PatchBuilder.x86().changed("f", 0x10, 20, 30)
                    .textReloc(1, 2, ".data", -4).build()).build();
            PatchSubject far = Fixtures.withTargetBytes("x.kpatch", k, target(0xC000_0000L),
                    PatchSubject.TargetStatus.MATCH);
            assertThat(run(new RelocationReachCheck(), far)).singleElement()
                    .satisfies(x -> assertThat(x.message()).contains("2 GiB"));
            PatchSubject near = Fixtures.withTargetBytes("x.kpatch", k, target(0x10000),
                    PatchSubject.TargetStatus.MATCH);
            assertThat(run(new RelocationReachCheck(), near)).isEmpty();
        }

        static byte[] target(long memsz) {
            ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
            w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1080, new byte[16]);
            w.phdr(new ElfWriter.Phdr(1, 5, 0, 0, 0x100, memsz, 0x1000));
            return w.build();
        }
    }

    @Nested
    class TlsModel {
        @Test
        void initialExecAgainstLocalTlsIsFine() {
            // e_tls/README: library patch, 13 x R_X86_64_GOTTPOFF against LOCAL TLS s_level / s_peak
            assertThat(run(new TlsModelCheck(), sample(TLS_LIB))).isEmpty();
        }

        @Test
        void generalDynamicAndAarch64LocalTlsAreReported() {
            PatchSubject gd = synth(PatchBuilder.x86().changed("f", 0x10, 20, 30)
                    .symbol(new ElfWriter.Sym("tv", 0, 0, 6, 1, 0)).textReloc(1, 19, "tv", -4));
            assertThat(run(new TlsModelCheck(), gd)).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.ERROR);
                assertThat(x.message()).contains("R_X86_64_TLSGD").contains("initial-exec");
            });
            PatchSubject arm = synth(PatchBuilder.aarch64().changed("f", 0x10, 20, 32)
                    .symbol(new ElfWriter.Sym("s_level", 4, 4, 6, 0, 2)).textReloc(0, 541, "s_level", 0));
            assertThat(run(new TlsModelCheck(), arm)).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.message()).contains("LOCAL TLS symbol s_level");
            });
        }
    }

    @Nested
    class ExternTls {
        @Test
        void localTlsIsNotReported() {
            assertThat(run(new ExternTlsCheck(), sample(TLS_LIB))).isEmpty();
        }

        @Test
        void gottpoffAgainstTheLibrarysTlsVariableIsAnError() {
            // e_tls/README negative sample 1: GOTTPOFF against undefined GLOBAL TLS lib_depth (libdepth.so)
            PatchSubject p = sample(TLS_EXTERN, TLS_EXE_TARGET);
            assertThat(run(new ExternTlsCheck(), p)).singleElement().satisfies(x -> {
                assertThat(x.severity()).isEqualTo(Severity.ERROR);
                assertThat(x.checkId()).isEqualTo("KP206");
                assertThat(x.message()).contains("R_X86_64_GOTTPOFF").contains("lib_depth")
                        .contains("defined in libdepth.so");
                assertThat(x.location().section()).isEqualTo(".rela.kpatch.text");
            });
            assertThat(run(new ExternTlsCheck(), sample(TLS_EXTERN))).hasSize(1);
        }
    }
}
