package org.kpaudit.analyzer.checks;

import java.util.HashSet;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;

@Rule(id = "KP112", name = "info-table", severity = Severity.ERROR,
        summary = ".kpatch.info is missing or malformed: size, terminator, relocations, names.",
        help = "The loader computes the record count as sh_size / 48 and, when unpatching, reads records from the"
                + " target until the 24-byte zero terminator kpatch_strip appends (kpatch-format.md 2). Each record is"
                + " relocated by R_X86_64_64 / R_AARCH64_ABS64 entries at 48i+0 (daddr), +8 (saddr) and +24 (symstr)"
                + " (9.3). A missing table makes the patch fail to load; a bad terminator makes unpatch read past the"
                + " records; a missing saddr or name relocation leaves a record pointing at address 0. Rebuild the"
                + " patch with the LibcarePlus tool chain.")
public final class InfoTableCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        KpatchFile k = p.patch();
        ElfFile elf = k.elf();
        long symtabs = elf.sections().stream().filter(s -> s.type().is("SYMTAB")).count();
        if (symtabs != 1) {
            out.report(p.where(), "The embedded ELF has " + symtabs + " SHT_SYMTAB sections; the loader needs exactly"
                    + " one ('Unexpected symidx!').");
        }
        Section info = k.infoSection();
        if (info == null || !info.hasFileData()) {
            out.report(p.where().withSection(".kpatch.info"), "The patch has no .kpatch.info section with data; the"
                    + " loader fails with 'Failed to load kpatch info'.");
            return;
        }
        Findings f = out;
        long size = info.size();
        if (size < 24 || (size - 24) % 48 != 0) {
            f.report(p.atElf(info.offset(), size).withSection(".kpatch.info"), ".kpatch.info is " + size + " bytes;"
                    + " kpatch_strip writes 48 bytes per record plus a 24-byte terminator (48n + 24).");
        } else if (!k.infoTerminatorZero()) {
            f.report(p.atElf(info.offset() + size - 24, 24).withSection(".kpatch.info"), "The 24-byte terminator after the"
                    + " last .kpatch.info record is not zero; unpatch reads records until daddr, saddr, dlen and slen are"
                    + " all zero and would take them for another record.");
        }
        Set<Long> expected = new HashSet<>();
        for (InfoRecord r : k.infos()) {
            long b = (long) r.index() * 48;
            expected.add(b + 8);
            expected.add(b + 24);
            if (!r.isNew()) {
                expected.add(b);
            }
            String fn = r.function() != null ? r.function() : "record " + r.index();
            if (r.replacement() == null) {
                f.report(p.at(r.fileOffset() + 8, 8).withSection(".kpatch.info").withFunction(fn), "Info record "
                        + r.index() + " (" + fn + ") has no relocation for saddr, so the new code's address is not"
                        + " known; the trampoline would jump to the raw link-time value.");
            }
            if (r.name() == null) {
                f.report(p.at(r.fileOffset() + 24, 8).withSection(".kpatch.info").withFunction(fn), "Info record "
                        + r.index() + " has no name: its symstr relocation is missing or does not point into a"
                        + " string table.");
            }
            if (!r.isNew() && r.original() == null) {
                f.report(p.at(r.fileOffset(), 8).withSection(".kpatch.info").withFunction(fn), "Info record "
                        + r.index() + " (" + fn + ") replaces a function (dlen " + r.dlen() + ") but has no daddr"
                        + " relocation; the trampoline would be written at the raw link-time address.");
            }
        }
        long abs64 = p.isAarch64() ? Elf.A_ABS64 : Elf.X_64;
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.target() != info.index()) {
                continue;
            }
            for (Relocation r : elf.relocations(rs)) {
                if (!expected.contains(r.offset()) || r.type().value() != abs64) {
                    f.report(p.atElf(r.fileOffset(), rs.section().entsize()).withSection(rs.section().name()),
                            "Relocation " + r.index() + " of " + rs.section().name() + " patches .kpatch.info at "
                                    + Elf.hex(r.offset()) + " with " + Elf.typeName(r.type()) + "; only 64-bit absolute"
                                    + " relocations of daddr (+0), saddr (+8) and symstr (+24) belong there.");
                }
            }
        }
    }
}
