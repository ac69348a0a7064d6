package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.LivepatchModule;

/** klp structs in a module whose .modinfo lacks the livepatch key. */
@Rule(id = "KL114", name = "not-marked-livepatch", severity = Severity.ERROR,
        summary = "A module holds a klp_patch but its .modinfo has no livepatch key.",
        help = "klp_enable_patch() refuses a patch whose module is not marked as a livepatch with \"module %s is not"
                + " marked as a livepatch module\" (kernel/livepatch/core.c); the mark is the .modinfo key livepatch"
                + " (MODULE_INFO(livepatch, \"Y\")), which also makes the loader keep the module's ELF information for"
                + " late relocations. Add MODULE_INFO(livepatch, \"Y\") to the module. Source: klp-format.md section"
                + " 1.1.")
public final class NotMarkedLivepatchCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        LivepatchModule m = s.module();
        if (m.kind() != FileKind.KERNEL_MODULE || m.patch() == null
                || m.patch().origin() != KlpPatch.Origin.STATIC_DATA) {
            return;
        }
        long off = m.modinfo().isEmpty() ? -1 : m.modinfo().get(0).fileOffset();
        out.report(s.at(off, 0).withSection(".modinfo"), "Module " + m.displayName() + " holds a klp_patch ("
                + m.patch().section() + "+0x" + Long.toHexString(m.patch().sectionOffset()) + ") but .modinfo has no"
                + " livepatch key: klp_enable_patch() refuses it with \"module " + m.displayName() + " is not marked as"
                + " a livepatch module\". Add MODULE_INFO(livepatch, \"Y\").");
    }
}
