package org.kpaudit.analyzer.checks;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;

@Rule(id = "KP301", name = "section-addresses", severity = Severity.ERROR,
        summary = "An original section the patch refers to is missing from the target or has another address there.",
        help = "kpatch_strip keeps the whole section table of the patched build and overwrites sh_addr of every"
                + " section that also exists (by name) in the original binary with the original's address; the"
                + " loader addresses original code and data as sh_addr + load bias (kpatch-format.md 1.5, 3.4). So"
                + " the NOBITS sections of a patch describe the binary it was built for. A section the patch's"
                + " functions or relocations use that is absent from the target, or sits at another address, means"
                + " the patch was made for another binary (a forged or relabelled build-id): the loader would patch"
                + " and reference the wrong bytes. Use the binary the patch was built for.")
public final class SectionAddressCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (!p.hasTarget()) {
            return;
        }
        ElfFile elf = p.patch().elf();
        ElfFile target = p.target().elf();
        Set<Long> used = new HashSet<>();
        for (InfoRecord r : p.patch().infos()) {
            if (r.original() != null && r.original().sectionIndex() > 0) {
                used.add(r.original().sectionIndex());
            }
        }
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            Optional<Symbol> s = Elf.symbol(elf, rr.r().symbolIndex());
            if (s.isPresent() && s.get().isDefinedInSection()) {
                used.add(s.get().section());
            }
        }
        long base = p.patch().header().kpatchOffset() + elf.header().shoff();
        int shent = elf.header().shentsize();
        for (Section s : elf.sections()) {
            if (s.index() == 0 || s.hasFileData() || s.name() == null || s.name().isEmpty()
                    || !s.hasFlag(Section.SHF_ALLOC)) {
                continue;
            }
            Optional<Section> t = target.section(s.name());
            var where = p.at(base + (long) s.index() * shent, shent).withSection(s.name());
            if (t.isEmpty()) {
                if (used.contains((long) s.index())) {
                    out.report(where, "The patch refers to the original section " + s.name() + " (at "
                            + Elf.hex(s.addr()) + " in the binary it was built for), but the target "
                            + p.target().path() + " has no section of that name. The patch was built for another"
                            + " binary.");
                }
                continue;
            }
            if (t.get().addr() != s.addr() && (used.contains((long) s.index()) || s.addr() != 0)) {
                out.report(where, "Section " + s.name() + " is at " + Elf.hex(s.addr()) + " in the binary the patch was"
                        + " built for, but at " + Elf.hex(t.get().addr()) + " in the target " + p.target().path()
                        + ". Every original address in the patch is wrong for this target: it was built for another"
                        + " binary (relabelled or forged build-id).");
            }
        }
    }
}
