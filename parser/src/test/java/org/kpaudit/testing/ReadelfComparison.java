package org.kpaudit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/** Asserts that a parsed ELF shows what readelf shows: sections, symbols, relocations. */
public final class ReadelfComparison {

    private static final Map<String, String> SECTION_TYPES = Map.of(
            "VERSYM", "GNU_VERSYM", "VERNEED", "GNU_VERNEED", "VERDEF", "GNU_VERDEF");
    private static final Map<String, String> SYMBOL_TYPES = Map.of("IFUNC", "GNU_IFUNC");
    private static final Map<String, String> BINDS = Map.of("UNIQUE", "GNU_UNIQUE");

    private ReadelfComparison() {
    }

    public static void assertMatches(ElfFile elf, ReadelfOutput ro) {
        sections(elf, ro);
        symbols(elf, ro);
        relocations(elf, ro);
    }

    public static void sections(ElfFile elf, ReadelfOutput ro) {
        assertThat(elf.sections()).as("section count of %s", elf.path()).hasSize(ro.sections.size());
        for (ReadelfOutput.Section r : ro.sections) {
            Section s = elf.sections().get(r.index());
            String where = elf.path() + " section [" + r.index() + "]";
            assertThat(s.name() == null ? "" : s.name()).as(where).isEqualTo(r.name());
            if (!r.type().startsWith("LOOS") && !r.type().startsWith("LOPROC") && !r.type().startsWith("LOUSER")
                    && !r.type().startsWith("<")) {
                assertThat(s.type().name()).as(where + " type").isEqualTo(SECTION_TYPES.getOrDefault(r.type(), r.type()));
            }
            assertThat(s.addr()).as(where + " addr").isEqualTo(r.addr());
            assertThat(s.offset()).as(where + " offset").isEqualTo(r.offset());
            assertThat(s.size()).as(where + " size").isEqualTo(r.size());
            assertThat(s.entsize()).as(where + " entsize").isEqualTo(r.entsize());
            assertThat(s.flags() & GENERIC_FLAGS).as(where + " flags " + r.flags()).isEqualTo(flagBits(r.flags()));
            assertThat(s.link()).as(where + " link").isEqualTo(r.link());
            assertThat(s.info()).as(where + " info").isEqualTo(r.info());
            assertThat(s.addralign()).as(where + " align").isEqualTo(r.align());
        }
    }

    private static final long GENERIC_FLAGS = 0xff7L | 0x80000000L;

    /** readelf's flag letters as SHF_* bits (generic ones only). */
    static long flagBits(String letters) {
        long f = 0;
        for (char c : letters.toCharArray()) {
            f |= switch (c) {
                case 'W' -> 0x1;
                case 'A' -> 0x2;
                case 'X' -> 0x4;
                case 'M' -> 0x10;
                case 'S' -> 0x20;
                case 'I' -> 0x40;
                case 'L' -> 0x80;
                case 'O' -> 0x100;
                case 'G' -> 0x200;
                case 'T' -> 0x400;
                case 'C' -> 0x800;
                case 'E' -> 0x80000000L;
                default -> 0;
            };
        }
        return f;
    }

    public static void symbols(ElfFile elf, ReadelfOutput ro) {
        for (Map.Entry<String, List<ReadelfOutput.Symbol>> e : ro.symbols.entrySet()) {
            SymbolTableKind kind = e.getKey().equals(".dynsym") ? SymbolTableKind.DYNSYM : SymbolTableKind.SYMTAB;
            List<Symbol> ours = elf.symbols(kind);
            assertThat(ours).as("%s %s", elf.path(), e.getKey()).hasSize(e.getValue().size());
            for (ReadelfOutput.Symbol r : e.getValue()) {
                Symbol s = ours.get(r.index());
                String where = elf.path() + " " + e.getKey() + "[" + r.index() + "]";
                assertThat(s.value()).as(where + " value").isEqualTo(r.value());
                assertThat(s.size()).as(where + " size").isEqualTo(r.size());
                assertThat(s.type().name()).as(where + " type").isEqualTo(SYMBOL_TYPES.getOrDefault(r.type(), r.type()));
                assertThat(s.bind().name()).as(where + " bind").isEqualTo(BINDS.getOrDefault(r.bind(), r.bind()));
                assertThat(s.visibility().name()).as(where + " visibility").isEqualTo(r.vis());
                assertThat(ndx(s.shndx())).as(where + " ndx").isEqualTo(r.ndx());
                assertThat(s.name() == null ? "" : s.name()).as(where + " name").isEqualTo(r.name());
                if (kind == SymbolTableKind.DYNSYM) {
                    // readelf omits the version of a version-definition symbol (name == version)
                    String expected = r.version() == null && s.version() != null && s.version().equals(s.name())
                            ? s.name() : r.version();
                    assertThat(s.version()).as(where + " version").isEqualTo(expected);
                }
            }
        }
    }

    private static String ndx(int shndx) {
        return switch (shndx) {
            case 0 -> "UND";
            case 0xfff1 -> "ABS";
            case 0xfff2 -> "COM";
            default -> Integer.toString(shndx);
        };
    }

    public static void relocations(ElfFile elf, ReadelfOutput ro) {
        assertThat(elf.relocationSections().stream().map(r -> r.section().name()).toList())
                .as("relocation sections of %s", elf.path()).containsExactlyElementsOf(ro.relocations.keySet());
        for (RelocationSection rs : elf.relocationSections()) {
            List<ReadelfOutput.Reloc> theirs = ro.relocations.get(rs.section().name());
            List<Relocation> ours = elf.relocations(rs);
            assertThat(ours).as("%s %s", elf.path(), rs.section().name()).hasSize(theirs.size());
            for (int i = 0; i < ours.size(); i++) {
                Relocation o = ours.get(i);
                ReadelfOutput.Reloc t = theirs.get(i);
                String where = elf.path() + " " + rs.section().name() + "[" + i + "]";
                assertThat(o.offset()).as(where + " offset").isEqualTo(t.offset());
                if (rs.format() == RelocationSection.Format.RELR) {
                    assertThat(o.type().name()).as(where + " type").endsWith("_RELATIVE");
                    continue;
                }
                assertThat(o.info()).as(where + " info").isEqualTo(t.info());
                assertThat(o.type().name()).as(where + " type").isEqualTo(t.type());
                // some readelf versions append the .gnu.version of dynamic symbols: compare without it
                boolean dynamic = elf.section(rs.symbolTable()).map(x -> x.type().is("DYNSYM")).orElse(false);
                String theirSym = dynamic && t.symbol() != null ? t.symbol().replaceFirst("@.*$", "") : t.symbol();
                assertThat(o.symbolName()).as(where + " symbol").isEqualTo(theirSym);
                if (rs.rela()) {
                    assertThat(o.addend()).as(where + " addend").isEqualTo(t.addend());
                }
            }
        }
    }
}
