package org.kpaudit.model;

import java.util.List;
import java.util.Map;

/**
 * One patched object ({@code struct klp_object}): vmlinux or a module.
 *
 * @param name the module name, {@code null} for vmlinux (NULL {@code name})
 * @param fileOffset where the entry is in the file (-1 when built at run time or in NOBITS)
 * @param section the section holding the entry ({@code null} for kpatch modules)
 * @param sectionOffset its offset in that section
 * @param funcs the functions, in array order
 * @param funcsNull true when the {@code funcs} pointer is NULL (the kernel refuses the patch)
 * @param callbacks the object's callbacks
 * @param unknown fields whose value the file does not give, with the reason
 */
public record KlpObject(
        String name,
        long fileOffset,
        String section,
        long sectionOffset,
        List<KlpFunc> funcs,
        boolean funcsNull,
        KlpCallbacks callbacks,
        Map<String, String> unknown) {

    public static final String VMLINUX = "vmlinux";

    public KlpObject {
        funcs = List.copyOf(funcs);
        unknown = Map.copyOf(unknown);
    }

    /** The object as the kernel names it in messages and sysfs: the module name or {@code vmlinux}. */
    public String objectName() {
        return name == null ? VMLINUX : name;
    }

    public boolean isVmlinux() {
        return name == null;
    }
}
