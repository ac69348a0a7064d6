package org.kpaudit.model;

import java.util.List;

/**
 * What a mapped ELF object's first pages show in memory: its header, its program headers and
 * its GNU build-id note, read the way {@code libcare-ctl} reads them from a process
 * (kpatch-format.md section 1.6).
 *
 * @param base the address of the object's first mapping (file offset 0)
 * @param loadBias base minus the page-aligned p_vaddr of its first PT_LOAD (0 for ET_EXEC)
 * @param buildId the GNU build-id as lowercase hex, or null when no PT_NOTE in memory has one
 * @param buildIdProblem why the build-id is missing (note not in memory ...), or null
 */
public record LoadedElf(long base, Code type, Code machine, List<Segment> segments, long loadBias, String buildId,
        String buildIdProblem) {

    public LoadedElf {
        segments = List.copyOf(segments);
    }
}
