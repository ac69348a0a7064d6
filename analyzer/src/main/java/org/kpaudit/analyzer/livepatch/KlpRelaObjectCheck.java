package org.kpaudit.analyzer.livepatch;

import java.util.Set;
import java.util.stream.Collectors;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.LivepatchModule;

/** A module-specific .klp.rela section for an object the patch does not patch. */
@Rule(id = "KL105", name = "klp-rela-unpatched-object", severity = Severity.ERROR,
        summary = "A .klp.rela section belongs to a module the patch has no klp_object for.",
        help = "The kernel writes a module-specific .klp.rela.<module>.* section only while it patches that module:"
                + " klp_init_object_loaded() calls klp_apply_object_relocs() for each klp_object of the patch, and"
                + " klp_write_object_relocs() applies the sections whose object name matches. A section for a module"
                + " the patch has no klp_object for is never applied, and the new code runs with the unrelocated"
                + " (zero) values in place. Add a klp_object for the module, or fix the section's object name."
                + " Source: kernel/livepatch/core.c; klp-format.md section 1.6 and rule R9 in section 3.3.")
public final class KlpRelaObjectCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        LivepatchModule m = s.module();
        if (m.patch() == null) {
            return;
        }
        Set<String> objects = m.patch().objects().stream().map(KlpObject::objectName).collect(Collectors.toSet());
        for (KlpRelaSection rs : m.klpRelaSections()) {
            if (rs.objectName() == null || rs.isVmlinux() || objects.contains(rs.objectName())) {
                continue;
            }
            out.report(sectionHeader(s, rs.section()), "Section " + rs.section().name() + " holds "
                    + rs.entries().size() + " relocation(s) for module " + rs.objectName() + ", but the patch has no"
                    + " klp_object for " + rs.objectName() + " (it patches " + String.join(", ", objects.stream()
                            .sorted().toList()) + "): the kernel never applies them and the new code runs with"
                    + " unrelocated values. Add a klp_object for " + rs.objectName() + " or correct the section name.");
        }
    }
}
