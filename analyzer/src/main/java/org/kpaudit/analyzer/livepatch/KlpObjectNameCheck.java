package org.kpaudit.analyzer.livepatch;

import java.util.HashSet;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpSymbol;
import org.kpaudit.model.LivepatchModule;

/** Object names: at most 55 characters, no dots. */
@Rule(id = "KL104", name = "klp-object-name", severity = Severity.ERROR,
        summary = "A patched object's name is 56 characters or longer, or contains a dot.",
        help = "Object names (a klp_object's name, the <object> of .klp.rela.<object>.* and .klp.sym.<object>.*) are"
                + " module names: at most MODULE_NAME_LEN - 1 = 55 characters on 64-bit. klp_init_object() refuses a"
                + " longer klp_object name with -EINVAL; the kernel reads the object of a .klp.rela section with"
                + " %55[^.], so a longer name is cut to a module that does not exist and its relocations are never"
                + " written; a longer .klp.sym object makes the patch fail with \"symbol %s has an incorrectly"
                + " formatted name\". The same %[^.] stops at the first dot, so an object whose name has a dot cannot be"
                + " named by .klp.rela or .klp.sym at all. Use the module's real name (module names use _ for - and"
                + " have no dots). Source: kernel/livepatch/core.c klp_init_object(), klp_resolve_symbols(),"
                + " klp_write_section_relocs(); klp-format.md sections 1.2 to 1.4.")
public final class KlpObjectNameCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        LivepatchModule m = s.module();
        int max = LivepatchModule.MODULE_NAME_LEN - 1;
        if (m.patch() != null) {
            for (KlpObject o : m.patch().objects()) {
                if (o.name() == null) {
                    continue;
                }
                if (o.name().length() > max) {
                    out.report(object(s, o), "klp_object name \"" + o.name() + "\" is " + o.name().length()
                            + " characters; module names have at most " + max + " (MODULE_NAME_LEN 56), and"
                            + " klp_init_object() refuses the patch with -EINVAL. Use the patched module's real name.");
                } else if (o.name().contains(".")) {
                    out.report(Severity.WARNING, object(s, o), "klp_object name \"" + o.name() + "\" contains a dot:"
                            + " no .klp.rela or .klp.sym name can refer to this object (the kernel reads object names"
                            + " up to the first dot), and module names have no dots. Use the patched module's real"
                            + " name.");
                }
            }
        }
        for (KlpRelaSection rs : m.klpRelaSections()) {
            if (rs.objectName() != null && rs.objectName().length() > max) {
                out.report(sectionHeader(s, rs.section()), "Section " + rs.section().name() + " names object \""
                        + rs.objectName() + "\" (" + rs.objectName().length() + " characters): the kernel reads at"
                        + " most " + max + " characters (sscanf \".klp.rela.%55[^.]\"), looks for a module called \""
                        + rs.objectName().substring(0, max) + "\", and never writes these relocations. Use the"
                        + " patched module's real name.");
            }
        }
        Set<Long> seen = new HashSet<>();
        for (KlpSymbol k : m.klpSymbols()) {
            String obj = k.name().objectName();
            if (obj != null && obj.length() > max && seen.add((long) k.symbol().index())) {
                out.report(symbol(s, k), "Symbol " + k.symbol().name() + " names object \"" + obj + "\" ("
                        + obj.length() + " characters): the kernel reads at most " + max + " characters (sscanf"
                        + " \".klp.sym.%55[^.]...\") and then fails with \"symbol " + k.symbol().name() + " has an"
                        + " incorrectly formatted name\". Use the object's real name.");
            }
        }
    }
}
