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
 * @param file the file read for it (its build-id checked against memory's), or null when none
 *     could be used: then nothing of the object was compared with a file
 * @param fileSource how that file was found ({@code --sysroot path}, {@code --debug-dir ...},
 *     {@code debuginfod ...}), or null
 * @param note why no file was used, or what does not agree (null when all is well)
 */
public record LoadedObject(String path, long start, long end, List<Mapping> mappings, LoadedElf elf, String buildId,
        String buildIdSource, String file, String fileSource, String note) {

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

    /**
     * True when the object has code that could be hooked: an executable mapping, or one whose
     * protection the image does not record (a core names it in NT_FILE without dumping it).
     */
    public boolean executable() {
        return mappings.stream().anyMatch(m -> m.executable() || m.perms().startsWith("?"));
    }

    /** Bytes of its executable mappings that the image holds. */
    public long codeInImage() {
        return mappings.stream().filter(Mapping::executable).mapToLong(Mapping::presentBytes).sum();
    }

    /** True when a file with the object's build-id was found, so its code could be compared with it. */
    public boolean verified() {
        return file != null;
    }
}
