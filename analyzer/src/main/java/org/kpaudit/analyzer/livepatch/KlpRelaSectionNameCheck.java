package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpRelaSection;

/** {@code .klp.rela.<object>.<section>} names. */
@Rule(id = "KL101", name = "klp-rela-section-name", severity = Severity.ERROR,
        summary = "A livepatch relocation section is not named .klp.rela.<object>.<section>.",
        help = "The kernel finds the object a livepatch relocation section belongs to by reading its name with"
                + " sscanf(\".klp.rela.%55[^.]\") (kernel/livepatch/core.c klp_write_section_relocs()); a"
                + " SHF_RELA_LIVEPATCH section whose name does not start that way makes the patch fail with"
                + " \"section %s has an incorrectly formatted name\". The rest of the name is not read (the target"
                + " comes from sh_info), but kpatch's create-klp-module and objtool always append the target section's"
                + " name, so a missing or different suffix means the section was built or edited by hand. Rename the"
                + " section to .klp.rela.<object>.<target section>. Source: Documentation/livepatch/module-elf-format.rst;"
                + " klp-format.md section 1.3.")
public final class KlpRelaSectionNameCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        for (KlpRelaSection rs : s.module().klpRelaSections()) {
            String name = rs.section().name();
            if (!rs.prefixed() || rs.objectName() == null) {
                out.report(sectionHeader(s, rs.section()), "Section " + name + " is a livepatch relocation section"
                        + " (SHF_RELA_LIVEPATCH) but its name does not start with .klp.rela.<object>: the kernel"
                        + " refuses the patch with \"section " + name + " has an incorrectly formatted name\". Name it"
                        + " .klp.rela.<object>.<target section>, where <object> is vmlinux or the patched module.");
                continue;
            }
            if (rs.targetSuffix() == null || rs.targetSuffix().isEmpty()) {
                out.report(Severity.WARNING, sectionHeader(s, rs.section()), "Section " + name + " names the object ("
                        + rs.objectName() + ") but not the section it patches: the kernel takes the target from sh_info,"
                        + " but generators always write .klp.rela.<object>.<target section>; check how this module was"
                        + " built and add the target section's name.");
            } else if (rs.target() != null && rs.target().name() != null
                    && !rs.targetSuffix().equals(rs.target().name())) {
                out.report(Severity.WARNING, sectionHeader(s, rs.section()), "Section " + name + " is named for"
                        + " section " + rs.targetSuffix() + " but its sh_info points to section [" + rs.target().index()
                        + "] " + rs.target().name() + ": the kernel relocates " + rs.target().name() + ". Check which"
                        + " section the relocations are meant for and make the name and sh_info agree.");
            }
        }
    }
}
