package org.kpaudit.analyzer;

import org.kpaudit.model.KpatchFile;

/**
 * One patch as the checks see it: the parsed file, what its name says, its target (when one was
 * given or found) and the policy in force.
 *
 * @param display the file as the user named it ({@code archive!member} for archive members)
 * @param patch the parsed patch
 * @param name facts from the path
 * @param target the binary it is for, or null when none was given or found
 * @param targetStatus how the target relates to the patch
 * @param policy the policy in force
 */
public record PatchSubject(String display, KpatchFile patch, FileNameFacts name, TargetSet target,
        TargetStatus targetStatus, Policy policy) {

    /** How a patch relates to the target kpaudit used for it. */
    public enum TargetStatus {
        /** The target's GNU build-id equals the patch header's. */
        MATCH,
        /** A target was given, and its build-id is another one (or it has none). */
        MISMATCH,
        /** No target has the patch's build-id (under --sysroot, or among the --target files). */
        NOT_FOUND,
        /** No --target or --sysroot was given: target checks are skipped. */
        NOT_GIVEN
    }

    public PatchSubject {
        policy = policy == null ? Policy.defaults() : policy;
    }

    public boolean hasTarget() {
        return target != null;
    }

    /** The patch id, or the file name when the header has none. */
    public String label() {
        String id = patch.header().id();
        return id == null || id.isEmpty() ? name.fileName() : id;
    }

    /** A location in this patch file, with the patch named. */
    public Location where() {
        return Location.ofFile(display).withPatch(label());
    }

    /** A location at {@code elfOffset} bytes into the embedded ELF. */
    public Location atElf(long elfOffset, long length) {
        return where().withBytes(patch.header().kpatchOffset() + elfOffset, length);
    }

    /** A location at an absolute offset of the .kpatch file. */
    public Location at(long fileOffset, long length) {
        return where().withBytes(fileOffset, length);
    }

    /** e_machine of the embedded ELF. */
    public long machine() {
        return patch.elf().header().machine().value();
    }

    public boolean isX86() {
        return machine() == 62;
    }

    public boolean isAarch64() {
        return machine() == 183;
    }
}
