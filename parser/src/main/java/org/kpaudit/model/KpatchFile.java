package org.kpaudit.model;

import java.util.List;

/**
 * A parsed {@code .kpatch} file.
 *
 * @param path where it was read from
 * @param fileSize bytes in the file
 * @param header the fixed header
 * @param elf the embedded ELF relocatable object (offsets in it are relative to
 *     {@code header.kpatchOffset()})
 * @param elfEnd end of the embedded ELF as its headers describe it (relative to the ELF start)
 * @param infos the {@code .kpatch.info} records, resolved
 * @param infoSection the {@code .kpatch.info} section, or null when absent
 * @param infoTerminatorLength bytes after the last whole record (24 when well formed)
 * @param infoTerminatorZero whether those bytes are all zero
 * @param imports undefined GLOBAL symbols with their versions
 * @param relocationSummaries relocation counts per relocation section
 * @param paddingLength bytes between the end of the ELF and {@code total_size}
 * @param paddingZero whether those bytes are all zero
 * @param strtabNames the NUL-separated names of {@code .kpatch.strtab}, in order
 */
public record KpatchFile(
        String path,
        long fileSize,
        KpatchHeader header,
        ElfFile elf,
        long elfEnd,
        List<InfoRecord> infos,
        Section infoSection,
        long infoTerminatorLength,
        boolean infoTerminatorZero,
        List<KpatchImport> imports,
        List<RelocationSummary> relocationSummaries,
        long paddingLength,
        boolean paddingZero,
        List<String> strtabNames) {

    public KpatchFile {
        infos = List.copyOf(infos);
        imports = List.copyOf(imports);
        relocationSummaries = List.copyOf(relocationSummaries);
        strtabNames = List.copyOf(strtabNames);
    }

    public List<InfoRecord> changedFunctions() {
        return infos.stream().filter(i -> i.kind() == InfoRecord.Kind.CHANGED).toList();
    }

    public List<InfoRecord> newFunctions() {
        return infos.stream().filter(i -> i.kind() == InfoRecord.Kind.NEW).toList();
    }

    /** Non-fatal problems of the embedded ELF (its offsets are relative to the ELF start). */
    public List<Problem> warnings() {
        return elf.warnings();
    }
}
