package org.kpaudit.analyzer.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.model.Code;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/** Small helpers over the embedded ELF of a patch, shared by the checks. */
final class Elf {

    static final long EM_X86_64 = 62;
    static final long EM_AARCH64 = 183;

    // x86_64 psABI relocation numbers
    static final long X_NONE = 0;
    static final long X_64 = 1;
    static final long X_PC32 = 2;
    static final long X_GOTPCREL = 9;
    static final long X_32 = 10;
    static final long X_32S = 11;
    static final long X_DTPMOD64 = 16;
    static final long X_DTPOFF64 = 17;
    static final long X_TPOFF64 = 18;
    static final long X_TLSGD = 19;
    static final long X_TLSLD = 20;
    static final long X_DTPOFF32 = 21;
    static final long X_GOTTPOFF = 22;
    static final long X_TPOFF32 = 23;
    static final long X_GOTPC32_TLSDESC = 34;
    static final long X_TLSDESC_CALL = 35;
    static final long X_TLSDESC = 36;
    static final long X_GOTPCRELX = 41;
    static final long X_REX_GOTPCRELX = 42;

    // AArch64 ELF ABI relocation numbers
    static final long A_NONE = 0;
    static final long A_ABS64 = 257;
    static final long A_ADR_PREL_PG_HI21 = 275;
    static final long A_ADD_ABS_LO12_NC = 277;
    static final long A_LDST8_ABS_LO12_NC = 278;
    static final long A_JUMP26 = 282;
    static final long A_CALL26 = 283;
    static final long A_LDST32_ABS_LO12_NC = 285;
    static final long A_LDST64_ABS_LO12_NC = 286;
    static final long A_ADR_GOT_PAGE = 311;
    static final long A_LD64_GOT_LO12_NC = 312;
    static final long A_TLSIE_ADR_GOTTPREL_PAGE21 = 541;
    static final long A_TLSIE_LD64_GOTTPREL_LO12_NC = 542;
    /** Dynamic: the GOT slot of an initial-exec TLS variable gets its thread-pointer offset. */
    static final long A_TLS_TPREL64 = 1030;

    private Elf() {
    }

    /** One relocation with the section it came from. */
    record Reloc(RelocationSection section, Relocation r) {
        long type() {
            return r.type().value();
        }
    }

    /** Every REL/RELA relocation of the patch's embedded ELF, section by section. */
    static List<Reloc> relocations(ElfFile elf) {
        List<Reloc> out = new ArrayList<>();
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.format() == RelocationSection.Format.RELR) {
                continue;
            }
            for (Relocation r : elf.relocations(rs)) {
                out.add(new Reloc(rs, r));
            }
        }
        return out;
    }

    static Optional<Symbol> symbol(ElfFile elf, long index) {
        return elf.symbol(SymbolTableKind.SYMTAB, index);
    }

    static String typeName(Code c) {
        return c.name() != null ? c.name() : "type " + c.value();
    }

    /** True when the type is a TLS relocation of the machine. */
    static boolean isTls(long machine, long type) {
        if (machine == EM_X86_64) {
            return type >= X_DTPMOD64 && type <= X_TPOFF32 || type >= X_GOTPC32_TLSDESC && type <= X_TLSDESC;
        }
        if (machine == EM_AARCH64) {
            return type >= 512 && type <= 573 || type >= 1024 && type <= 1031;
        }
        return false;
    }

    static String sectionName(ElfFile elf, long index) {
        return elf.section(index).map(Section::name).orElse("[" + index + "]");
    }

    /** The symbol's name without the {@code @version} suffix the tool chain adds to imports. */
    static String bare(String name) {
        if (name == null) {
            return null;
        }
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** The name a finding uses for a symbol or section. */
    static String describe(Symbol s) {
        if (s.type().is("SECTION")) {
            return "section " + s.name();
        }
        return s.name();
    }

    static boolean isX86(PatchSubject p) {
        return p.machine() == EM_X86_64;
    }
}
