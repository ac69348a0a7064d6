package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.Section;

/** SHF_RELA_LIVEPATCH | SHF_ALLOC and SHT_RELA on livepatch relocation sections. */
@Rule(id = "KL102", name = "klp-rela-section-flags", severity = Severity.ERROR,
        summary = "A .klp.rela section lacks SHF_RELA_LIVEPATCH or SHF_ALLOC, or is not SHT_RELA.",
        help = "Livepatch applies only relocation sections flagged SHF_RELA_LIVEPATCH (0x00100000), and only after"
                + " it has resolved their .klp.sym symbols (klp_apply_section_relocs() at module load for vmlinux,"
                + " klp_write_object_relocs() when a patched module loads); without the flag the module loader applies"
                + " the section itself at load time, against symbols that have no value yet. SHF_ALLOC keeps the section"
                + " in module memory, where the kernel reads it again when a patched module is loaded later; the x86_64"
                + " loader reads Elf64_Rela entries, so the section must be SHT_RELA. kpatch's create-klp-module and"
                + " objtool set SHF_RELA_LIVEPATCH | SHF_INFO_LINK | SHF_ALLOC. Rebuild the module with a generator"
                + " that sets them. Source: include/uapi/linux/elf.h, kernel/module/main.c apply_relocations(),"
                + " klp-format.md sections 1.2, 1.3 and 1.6.")
public final class KlpRelaSectionFlagsCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        for (KlpRelaSection rs : s.module().klpRelaSections()) {
            Section sec = rs.section();
            String name = sec.name();
            if (!sec.hasFlag(Section.SHF_RELA_LIVEPATCH)) {
                out.report(sectionHeader(s, sec), "Section " + name + " is named as a livepatch relocation section but"
                        + " lacks SHF_RELA_LIVEPATCH (0x00100000): livepatch ignores it and the module loader applies it"
                        + " at load time as an ordinary relocation section, before its .klp.sym symbols are resolved, so"
                        + " the new code gets wrong addresses. Set SHF_RELA_LIVEPATCH | SHF_ALLOC on it.");
            }
            if (!sec.hasFlag(Section.SHF_ALLOC)) {
                out.report(sectionHeader(s, sec), "Section " + name + " lacks SHF_ALLOC: the module loader does not"
                        + " keep it in module memory, but livepatch reads it again when "
                        + (rs.isVmlinux() ? "it re-applies relocations" : "module " + rs.objectName() + " is loaded")
                        + " (klp_write_object_relocs()). Set SHF_RELA_LIVEPATCH | SHF_ALLOC on it.");
            }
            if (!sec.type().is("RELA")) {
                out.report(sectionHeader(s, sec), "Section " + name + " is of type "
                        + (sec.type().name() != null ? "SHT_" + sec.type().name() : "0x" + Long.toHexString(sec.type().value()))
                        + ", not SHT_RELA: the x86_64 apply_relocate_add() reads Elf64_Rela entries (offset, info,"
                        + " addend). Write the section as SHT_RELA.");
            }
        }
    }
}
