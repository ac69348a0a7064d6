package org.kpaudit.model;

/**
 * One mapping of a process address space, as a core dump or {@code /proc/PID/maps} describes it.
 *
 * @param start first address (unsigned)
 * @param end address after the last byte (unsigned)
 * @param perms protection as {@code /proc/PID/maps} shows it: {@code r-xp}; core dumps do not
 *     record private/shared, so theirs have three letters ({@code r-x}); {@code ???} when only
 *     NT_FILE names the mapping and no program header gives its protection
 * @param path the mapped file, a pseudo-path such as {@code [heap]} or {@code [stack]}, or
 *     {@code null} for an anonymous mapping
 * @param fileOffset offset of {@code start} in the mapped file (0 when anonymous)
 * @param presentBytes how many bytes from {@code start} the image holds (a core dump may hold
 *     fewer than the mapping's size, or none)
 * @param source where this mapping comes from: {@code PT_LOAD[3]}, {@code NT_FILE[2]}, {@code maps line 7}
 */
public record Mapping(long start, long end, String perms, String path, long fileOffset, long presentBytes,
        String source) {

    public long size() {
        return end - start;
    }

    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }

    public boolean readable() {
        return perms.length() > 0 && perms.charAt(0) == 'r';
    }

    public boolean writable() {
        return perms.length() > 1 && perms.charAt(1) == 'w';
    }

    public boolean executable() {
        return perms.length() > 2 && perms.charAt(2) == 'x';
    }

    /** True when a file backs this mapping (its path is absolute, not a pseudo-path like {@code [heap]}). */
    public boolean fileBacked() {
        return path != null && path.startsWith("/");
    }

    /**
     * True for a mapping no file backs: {@code [anonymous]} in libcare's terms, and anonymous
     * mappings named with {@code PR_SET_VMA_ANON_NAME} ({@code [anon:name]}); other pseudo-paths
     * ({@code [heap]}, {@code [stack]}, {@code [vdso]}) are not.
     */
    public boolean anonymous() {
        return path == null || path.isEmpty() || path.startsWith("[anon:");
    }
}
