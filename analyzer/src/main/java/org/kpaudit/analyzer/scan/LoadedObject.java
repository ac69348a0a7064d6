package org.kpaudit.analyzer.scan;

import java.util.List;
import org.kpaudit.model.LoadedElf;
import org.kpaudit.model.Mapping;

/**
 * A file-backed ELF object mapped in the process: its mappings, and its build-id as the process
 * shows it (the PT_NOTE of its first page in memory, like {@code libcare-ctl}) or as its file
 * shows it (under {@code --sysroot}, or the path itself for a live process).
 *
 * @param path the mapped file as the core or the maps name it
 * @param start first address of its first mapping
 * @param end end of its last mapping
 * @param elf what memory shows of its ELF header (null when its first page is not mapped)
 * @param buildId the build-id used to match patches, or null when unknown
 * @param buildIdSource {@code memory} or {@code file}, null when unknown
 * @param file the file read for it (under the sysroot), or null
 * @param note why something is unknown or does not agree (null when all is well)
 */
public record LoadedObject(String path, long start, long end, List<Mapping> mappings, LoadedElf elf, String buildId,
        String buildIdSource, String file, String note) {

    public LoadedObject {
        mappings = List.copyOf(mappings);
    }

    public boolean contains(long address) {
        for (Mapping m : mappings) {
            if (m.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The file name without its folder. */
    public String shortName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
