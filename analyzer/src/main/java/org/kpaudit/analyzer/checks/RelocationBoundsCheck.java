package org.kpaudit.analyzer.checks;

import java.util.Optional;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

@Rule(id = "KP202", name = "relocation-bounds", severity = Severity.ERROR,
        summary = "A relocation or symbol points outside its table or section.",
        help = "The LibcarePlus loader checks only that r_offset is below the patched section's size; it trusts every"
                + " symbol index, st_shndx and sh_link (kpatch-format.md 3.2, 4.1). An index past the symbol table or"
                + " a symbol in a section that does not exist makes it read and write outside the patch image, in the"
                + " target process. A well-formed patch never has them: reject the file.")
public final class RelocationBoundsCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        ElfFile elf = p.patch().elf();
        long nsec = elf.sections().size();
        for (Symbol s : elf.symbols(SymbolTableKind.SYMTAB)) {
            if (s.isDefinedInSection() && Long.compareUnsigned(s.section(), nsec) >= 0) {
                long off = elf.symbolTableSection(SymbolTableKind.SYMTAB).map(Section::offset).orElse(0L);
                out.report(p.atElf(off + 24L * s.index(), 24).withSymbol(s.name()), "Symbol " + s.index() + " ("
                        + s.name() + ") is defined in section " + s.section() + ", but the object has only " + nsec
                        + " sections.");
            }
        }
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.format() == RelocationSection.Format.RELR) {
                continue;
            }
            Section sec = rs.section();
            long nsym = 0;
            Optional<Section> table = elf.section(rs.symbolTable());
            if (table.isEmpty() || !(table.get().type().is("SYMTAB") || table.get().type().is("DYNSYM"))) {
                out.report(p.atElf(sec.offset(), sec.size()).withSection(sec.name()), "Relocation section " + sec.name()
                        + " links to section " + rs.symbolTable() + ", which is not a symbol table.");
            } else {
                nsym = table.get().entsize() == 0 ? 0 : Long.divideUnsigned(table.get().size(), table.get().entsize());
            }
            Optional<Section> target = elf.section(rs.target());
            if (target.isEmpty() || rs.target() == 0) {
                out.report(p.atElf(sec.offset(), sec.size()).withSection(sec.name()), "Relocation section " + sec.name()
                        + " applies to section " + rs.target() + ", which does not exist.");
                continue;
            }
            Section t = target.get();
            for (var r : elf.relocations(rs)) {
                var where = p.atElf(r.fileOffset(), sec.entsize()).withSection(sec.name());
                if (table.isPresent() && Long.compareUnsigned(r.symbolIndex(), nsym) >= 0) {
                    out.report(where, "Relocation " + r.index() + " of " + sec.name() + " refers to symbol "
                            + r.symbolIndex() + ", but " + table.get().name() + " has " + nsym + " entries.");
                }
                int width = width(p, r.type().value());
                if (Long.compareUnsigned(r.offset(), t.size()) >= 0
                        || Long.compareUnsigned(r.offset() + width, t.size()) > 0) {
                    out.report(where, "Relocation " + r.index() + " of " + sec.name() + " writes " + width
                            + " bytes at offset " + Elf.hex(r.offset()) + " of " + t.name() + ", which is only "
                            + t.size() + " bytes long; the loader would write past the section.");
                }
            }
        }
    }

    /** Bytes a relocation writes. */
    static int width(PatchSubject p, long type) {
        if (p.isX86()) {
            return type == Elf.X_64 || type == Elf.X_TPOFF64 || type == Elf.X_DTPMOD64 || type == Elf.X_DTPOFF64 ? 8
                    : type == Elf.X_NONE ? 0 : 4;
        }
        if (p.isAarch64()) {
            return type == Elf.A_ABS64 ? 8 : type == Elf.A_NONE ? 0 : 4;
        }
        return 0;
    }
}
