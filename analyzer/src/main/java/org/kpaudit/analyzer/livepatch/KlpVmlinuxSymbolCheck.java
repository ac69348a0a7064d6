package org.kpaudit.analyzer.livepatch;

import java.util.HashSet;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KernelVersion;

/** A vmlinux symbol used from a module-specific .klp.rela section. */
@Rule(id = "KL108", name = "klp-vmlinux-symbol-in-module-section", severity = Severity.ERROR,
        summary = "A module-specific .klp.rela section uses a .klp.sym.vmlinux symbol.",
        help = "Since Linux 5.8 the kernel refuses a .klp.sym.vmlinux.* symbol in a .klp.rela.<module>.* section with"
                + " \"invalid access to vmlinux symbol '%s' from module-specific livepatch relocation section\""
                + " (kernel/livepatch/core.c klp_resolve_symbols()): module-specific sections are applied when the"
                + " module loads, and vmlinux references belong in .klp.rela.vmlinux.* sections, applied at patch"
                + " load. Move these relocations to a .klp.rela.vmlinux.<section> section, or, for an exported symbol,"
                + " use an ordinary relocation. Source: klp-format.md sections 1.6 to 1.8.")
public final class KlpVmlinuxSymbolCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        KernelVersion k = s.module().kernel();
        boolean before58 = k != null && !k.atLeast(5, 8);
        for (KlpRelaSection rs : s.module().klpRelaSections()) {
            if (rs.objectName() == null || rs.isVmlinux()) {
                continue;
            }
            Set<Integer> seen = new HashSet<>();
            for (KlpRelaSection.Entry e : rs.entries()) {
                if (e.symbolName() == null || !e.symbolName().wellFormed()
                        || !KlpObject.VMLINUX.equals(e.symbolName().objectName()) || !seen.add(e.symbol().index())) {
                    continue;
                }
                String sym = e.symbolName().symbolName();
                if (before58) {
                    out.report(Severity.WARNING, entry(s, rs, e), "Section " + rs.section().name() + " (module "
                            + rs.objectName() + ") uses vmlinux symbol " + sym + ". The module was built for Linux "
                            + k.release() + ", which accepts this, but Linux 5.8 and later refuse the patch with"
                            + " \"invalid access to vmlinux symbol '" + sym + "' from module-specific livepatch"
                            + " relocation section\". Move the relocation to a .klp.rela.vmlinux.* section.");
                } else {
                    out.report(entry(s, rs, e), "Section " + rs.section().name() + " (module " + rs.objectName()
                            + ") uses vmlinux symbol " + sym + ": the kernel refuses the patch with \"invalid access to"
                            + " vmlinux symbol '" + sym + "' from module-specific livepatch relocation section\". Move"
                            + " the relocation to a .klp.rela.vmlinux.* section.");
                }
            }
        }
    }
}
