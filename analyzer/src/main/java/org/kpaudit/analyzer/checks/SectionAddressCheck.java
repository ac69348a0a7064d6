package org.kpaudit.analyzer.checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        // one root cause (the patch was built for another binary), so one finding listing every section
        List<String> moved = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Section first = null;
        for (Section s : elf.sections()) {
            if (s.index() == 0 || s.hasFileData() || s.name() == null || s.name().isEmpty()
                    || !s.hasFlag(Section.SHF_ALLOC)) {
                continue;
            }
            Optional<Section> t = target.section(s.name());
            if (t.isEmpty()) {
                if (used.contains((long) s.index())) {
                    missing.add(s.name() + " (at " + Elf.hex(s.addr()) + ")");
                    first = first == null ? s : first;
                }
                continue;
            }
            if (t.get().addr() != s.addr() && (used.contains((long) s.index()) || s.addr() != 0)) {
                moved.add(s.name() + " " + Elf.hex(s.addr()) + " -> " + Elf.hex(t.get().addr()));
                first = first == null ? s : first;
            }
        }
        if (first == null) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!moved.isEmpty()) {
            parts.add(moved.size() + " at other addresses (built for -> target): " + String.join(", ", moved));
        }
        if (!missing.isEmpty()) {
            parts.add(missing.size() + " that the patch uses and the target has no section of that name for: "
                    + String.join(", ", missing));
        }
        int n = moved.size() + missing.size();
        out.report(p.at(base + (long) first.index() * shent, shent).withSection(first.name()),
                n + " original section(s) of the binary the patch was built for do not match the target "
                        + p.target().path() + ": " + String.join("; ", parts) + ". Every original address in the"
                        + " patch is wrong for this target: it was built for another binary (a relabelled or forged"
                        + " build-id), and the loader would patch and reference the wrong bytes. Use the binary the"
                        + " patch was built for.");
    }
}
