package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.Section;

/** sh_info of a livepatch relocation section names an allocated section of the module. */
@Rule(id = "KL103", name = "klp-rela-target", severity = Severity.ERROR,
        summary = "A .klp.rela section's sh_info does not name an allocated section of the module.",
        help = "The kernel writes the relocations of a .klp.rela section into the section its sh_info names (the new"
                + " function's text section), at sh_addr + r_offset; an index out of range or a section that is not"
                + " loaded (no SHF_ALLOC) makes the kernel patch memory that does not hold the new code. Point sh_info"
                + " at the section the relocations apply to. Source: Documentation/livepatch/module-elf-format.rst;"
                + " klp-format.md section 1.3.")
public final class KlpRelaTargetCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        for (KlpRelaSection rs : s.module().klpRelaSections()) {
            Section sec = rs.section();
            if (rs.target() == null || rs.target().index() == 0) {
                out.report(sectionHeader(s, sec), "Section " + sec.name() + " has sh_info " + sec.info()
                        + ", which names no section of the module (it has " + s.module().elf().sections().size()
                        + "): the kernel would write its relocations relative to a section that does not exist. Set"
                        + " sh_info to the index of the text section the relocations patch.");
            } else if (!rs.target().hasFlag(Section.SHF_ALLOC)) {
                out.report(sectionHeader(s, sec), "Section " + sec.name() + " applies to section ["
                        + rs.target().index() + "] " + rs.target().name() + ", which is not loaded (no SHF_ALLOC):"
                        + " the relocations would patch memory that does not hold the new code. Set sh_info to the"
                        + " text section the relocations patch.");
            }
        }
    }
}
