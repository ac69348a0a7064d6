package org.kpaudit.analyzer.livepatch;

import java.util.HashMap;
import java.util.Map;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;

/** The same object twice, or the same function twice in one object. */
@Rule(id = "KL113", name = "duplicate-function", severity = Severity.ERROR,
        summary = "One patch lists the same object twice, or the same function (name and position) twice.",
        help = "The kernel creates a sysfs directory per object (/sys/kernel/livepatch/<patch>/<object>) and per"
                + " function, named <old_name>,<old_sympos> with old_sympos 0 written as 1 (kernel/livepatch/core.c"
                + " klp_init_func()). Two objects of the same name, or two functions whose names and positions give"
                + " the same directory (including old_sympos 0 and 1 of one name), make kobject_add() fail and the"
                + " patch is refused. Merge the entries into one. Source: klp-format.md rule R8 in section 3.3.")
public final class DuplicateFunctionCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        if (s.module().patch() == null) {
            return;
        }
        Map<String, KlpObject> objects = new HashMap<>();
        for (KlpObject o : s.module().patch().objects()) {
            KlpObject first = objects.putIfAbsent(o.objectName(), o);
            if (first != null) {
                out.report(object(s, o), "Object " + o.objectName() + " is listed twice in the patch: its second"
                        + " sysfs directory cannot be created and the kernel refuses the patch. Put all functions of "
                        + o.objectName() + " in one klp_object.");
            }
            Map<String, KlpFunc> funcs = new HashMap<>();
            for (KlpFunc f : o.funcs()) {
                if (f.oldName() == null) {
                    continue;
                }
                String dir = f.oldName() + "," + Long.toUnsignedString(f.oldSympos() == 0 ? 1 : f.oldSympos());
                KlpFunc prev = funcs.putIfAbsent(dir, f);
                if (prev != null) {
                    out.report(func(s, o, f), o.objectName() + " function " + key(f) + " duplicates " + key(prev)
                            + " in the same patch: both need the sysfs directory " + dir + " and the kernel refuses the"
                            + " patch. Keep one klp_func for this function.");
                }
            }
        }
    }
}
