package org.kpaudit.analyzer.livepatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.LivepatchModule;

/** klp structs the kernel refuses: NULL funcs, old_name or new_func; old_name too long. */
@Rule(id = "KL112", name = "klp-struct-invalid", severity = Severity.ERROR,
        summary = "A klp_object or klp_func has a field the kernel refuses (NULL funcs, old_name, new_func, or a too"
                + " long old_name).",
        help = "klp_enable_patch() refuses an object whose funcs pointer is NULL; klp_init_func() refuses a function"
                + " whose old_name is NULL, whose new_func is NULL, or whose old_name is KSYM_NAME_LEN (512 since Linux"
                + " 6.1, 128 before) characters or longer; both return -EINVAL without a message"
                + " (kernel/livepatch/core.c). Fill in the field (every klp_func needs .old_name and .new_func; every"
                + " klp_object needs .funcs). Source: klp-format.md sections 1.7 and 2.1.")
public final class KlpStructCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        LivepatchModule m = s.module();
        if (m.patch() == null) {
            return;
        }
        for (KlpObject o : m.patch().objects()) {
            if (o.funcsNull()) {
                out.report(object(s, o), "klp_object " + o.objectName() + " has funcs == NULL: klp_enable_patch()"
                        + " refuses the patch with -EINVAL. Point .funcs at the object's klp_func array.");
            }
            for (KlpFunc f : o.funcs()) {
                if (f.oldName() == null && !f.unknown().containsKey("old_name")) {
                    out.report(func(s, o, f), "A klp_func of " + o.objectName() + " at " + f.section() + "+0x"
                            + Long.toHexString(f.sectionOffset()) + " has old_name == NULL: klp_init_func() refuses"
                            + " the patch with -EINVAL. Set .old_name to the function to replace.");
                }
                if (f.newFunc() == null && !f.unknown().containsKey("new_func")) {
                    out.report(func(s, o, f), "klp_func " + (f.oldName() == null ? "at " + f.section() + "+0x"
                            + Long.toHexString(f.sectionOffset()) : f.oldName()) + " of " + o.objectName()
                            + " has new_func == NULL: klp_init_func() refuses the patch with -EINVAL. Set .new_func to"
                            + " the replacement function.");
                }
                if (f.oldName() != null && f.oldName().length() >= m.ksymNameLen()) {
                    out.report(func(s, o, f), "klp_func old_name is " + f.oldName().length() + " characters; "
                            + m.ksymNameLenBasis() + ", so klp_init_func() refuses the patch with -EINVAL.");
                }
            }
        }
    }
}
