package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_EXE_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_EXTERN;
import static org.kpaudit.analyzer.checks.Fixtures.TLS_LIB;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;
import static org.kpaudit.analyzer.checks.Fixtures.synth;
import static org.kpaudit.analyzer.checks.Fixtures.withTargetBytes;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** {@link ExternTlsCheck}: KP206 extern-tls-got. */
class ExternTlsCheckTest {

    // AArch64 ELF ABI relocation numbers
    static final int TLSIE_ADR_GOTTPREL_PAGE21 = 541;
    static final int TLSIE_LD64_GOTTPREL_LO12_NC = 542;
    static final int TLS_TPREL64 = 1030;
    static final int STT_TLS = 6;
    static final int STB_GLOBAL = 1;
    static final int STB_LOCAL = 0;

    /** The patched build's GOT slot for lib_depth: ADRP page 0x1f000, LDR offset 0xfe0. */
    static final long SLOT = 0x1ffe0;

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

    /**
     * An aarch64 patch reading an imported initial-exec TLS variable: {@code adrp x0, <page>} at 0
     * and {@code ldr x0, [x0, #0xfe0]} at 4 of .kpatch.text (A64 LDR (immediate), unsigned offset:
     * 0xf9400000 | imm12 << 10, imm12 = 0xfe0 / 8), with the two TLSIE relocations kpatch_strip
     * leaves: PAGE21 with the slot's page as addend, LO12_NC as compiled (kpatch-format.md 3.1).
     */
    static byte[] aarch64Patch() {
        int ldr = 0xf9400000 | (int) ((SLOT & 0xfff) >> 3) << 10;
        PatchBuilder b = PatchBuilder.aarch64().changed("add_hits", 0x10, 20, 32)
                .symbol(new ElfWriter.Sym("lib_depth", 0, 0, STT_TLS, STB_GLOBAL, 0))
                .code(0, le(0x90000000)).code(4, le(ldr))
                .textReloc(0, TLSIE_ADR_GOTTPREL_PAGE21, "lib_depth", SLOT & ~0xfffL)
                .textReloc(4, TLSIE_LD64_GOTTPREL_LO12_NC, "lib_depth", 0);
        return new KpatchWriter().elf(b.build()).build();
    }

    /** An aarch64 PIE with R_AARCH64_TLS_TPREL64 GOT slots for lib_depth at {@code slots}. */
    static byte[] aarch64Target(long... slots) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_AARCH64);
        w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1080, new byte[0x400]);
        ElfWriter.Sec dynsym = w.symbolTable(".dynsym", ".dynstr", ElfWriter.SHT_DYNSYM,
                List.of(new ElfWriter.Sym("lib_depth", 0, 0, STT_TLS, STB_GLOBAL, 0)));
        List<ElfWriter.Rel> rels = new ArrayList<>();
        for (long s : slots) {
            rels.add(new ElfWriter.Rel(s, 1, TLS_TPREL64, 0));
        }
        ElfWriter.Sec rela = w.rela(".rela.dyn", dynsym, dynsym, rels);
        rela.info = 0;
        rela.flags = 2;
        return w.build();
    }

    static List<Finding> againstTarget(byte[] kpatch, long... slots) {
        return run(new ExternTlsCheck(), withTargetBytes("x.kpatch", kpatch, aarch64Target(slots),
                PatchSubject.TargetStatus.MATCH));
    }

    @Test
    void aarch64AccessThroughTheOriginalsOwnSlotPasses() {
        assertThat(againstTarget(aarch64Patch(), 0x1ff00, SLOT)).isEmpty();
        // a defined (LOCAL) TLS variable of the object itself is not an import: KP205 covers it
        assertThat(run(new ExternTlsCheck(), synth(PatchBuilder.aarch64().changed("f", 0x10, 20, 32)
                .symbol(new ElfWriter.Sym("s_level", 4, 4, STT_TLS, STB_LOCAL, 2))
                .textReloc(0, TLSIE_ADR_GOTTPREL_PAGE21, "s_level", 0)))).isEmpty();
    }

    @Test
    void aarch64ImportedTlsWithoutATargetIsAWarningAtEachRelocation() {
        List<Finding> f = run(new ExternTlsCheck(), subject("x.kpatch", aarch64Patch(), null, Policy.defaults()));
        assertThat(f).hasSize(2).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.location().symbol()).isEqualTo("lib_depth");
            assertThat(x.location().section()).isEqualTo(".rela.kpatch.text");
            assertThat(x.message()).contains("--target");
        });
        assertThat(f).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).contains("R_AARCH64_TLSIE_ADR_GOTTPREL_PAGE21").contains("page 0x1f000"),
                m -> assertThat(m).contains("R_AARCH64_TLSIE_LD64_GOTTPREL_LO12_NC").contains("low 12 bits 0xfe0"));
    }

    @Test
    void aarch64ImportedTlsWithoutASlotInTheOriginalIsAnError() {
        List<Finding> f = againstTarget(aarch64Patch());
        assertThat(f).hasSize(2).allSatisfy(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("no GOT slot for lib_depth");
        });
    }

    @Test
    void aarch64SlotAtAnotherAddressIsAnError() {
        byte[] k = aarch64Patch();
        // same page, other low bits: only the LDR is wrong
        assertThat(againstTarget(k, SLOT + 8)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("LO12_NC").contains("low 12 bits 0xfe0").contains("is at 0x1ffe8");
        });
        // same low bits, another page: only the ADRP is wrong
        assertThat(againstTarget(k, SLOT + 0x10000)).singleElement().satisfies(x -> assertThat(x.message())
                .contains("PAGE21").contains("page 0x1f000").contains("is at 0x2ffe0"));
    }

    private static byte[] le(int insn) {
        return new byte[] {(byte) insn, (byte) (insn >> 8), (byte) (insn >> 16), (byte) (insn >> 24)};
    }
}
