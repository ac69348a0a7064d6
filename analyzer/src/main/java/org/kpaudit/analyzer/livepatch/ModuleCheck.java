package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.Location;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpSymbol;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/** Base of the checks that look at one livepatch module (rule ids KL1xx). */
public abstract class ModuleCheck extends Check<LivepatchSubject> {

    @Override
    protected final String subject() {
        return LivepatchSubject.KIND;
    }

    /** The section header of a section, as a location. */
    static Location sectionHeader(LivepatchSubject s, Section sec) {
        ElfFile elf = s.module().elf();
        long off = elf.header().shoff() + (long) sec.index() * elf.header().shentsize();
        return s.at(off, elf.header().shentsize()).withSection(sec.name());
    }

    /** A relocation entry of a .klp.rela section, as a location. */
    static Location entry(LivepatchSubject s, KlpRelaSection rs, KlpRelaSection.Entry e) {
        return s.at(e.relocation().fileOffset(), rs.section().entsize()).withSection(rs.section().name())
                .withSymbol(e.symbol() == null ? null : e.symbol().name());
    }

    /** A symbol table entry, as a location. */
    static Location symbol(LivepatchSubject s, Symbol sym) {
        ElfFile elf = s.module().elf();
        Section st = elf.symbolTableSection(SymbolTableKind.SYMTAB).orElse(null);
        long off = st == null ? -1 : st.offset() + sym.index() * st.entsize();
        return s.at(off, st == null ? 0 : st.entsize()).withSection(".symtab").withSymbol(sym.name());
    }

    static Location symbol(LivepatchSubject s, KlpSymbol sym) {
        return symbol(s, sym.symbol());
    }

    /** A klp_func entry (or .kpatch.funcs entry), as a location. */
    static Location func(LivepatchSubject s, KlpObject o, KlpFunc f) {
        return s.at(f.fileOffset(), f.fileOffset() < 0 ? 0 : 24).withSection(f.section())
                .withSymbol(f.newFunc() == null ? null : f.newFunc().symbol())
                .withFunction(f.oldName());
    }

    /** A klp_object entry, as a location. */
    static Location object(LivepatchSubject s, KlpObject o) {
        return s.at(o.fileOffset(), o.fileOffset() < 0 ? 0 : 16).withSection(o.section());
    }

    /** {@code name,sympos} the way livepatch's sysfs and messages write a function. */
    static String key(KlpFunc f) {
        return f.oldName() + "," + f.oldSympos();
    }
}
