package org.kpaudit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The facts of an ELF core dump (ET_CORE): its program headers, its notes decoded (threads,
 * process, auxiliary vector, mapped files, signal) and the process mappings they describe.
 * Memory contents are read through {@link MemoryImage}, not held here.
 *
 * @param path the file as the user named it
 * @param size bytes in the file
 * @param segments every program header (PT_NOTE, PT_LOAD ...)
 * @param notes every note of the PT_NOTE segments, raw
 * @param threads one per NT_PRSTATUS note, in file order
 * @param process the NT_PRPSINFO note, or null
 * @param auxv the NT_AUXV entries (up to AT_NULL), empty when absent
 * @param filePageSize the unit of NT_FILE offsets as the note gives it (page size in kernel
 *     cores, 1 in gdb's gcore), 0 without NT_FILE
 * @param files the NT_FILE entries, empty when absent
 * @param signal the NT_SIGINFO note, or null
 * @param mappings the process mappings: one per PT_LOAD (with its file from NT_FILE), plus
 *     NT_FILE entries no PT_LOAD covers, sorted by address
 * @param warnings non-fatal problems (a truncated segment, an NT_FILE name missing ...)
 */
public record CoreDump(
        String path,
        long size,
        ElfHeader header,
        List<Segment> segments,
        List<Note> notes,
        List<CoreThread> threads,
        CoreProcessInfo process,
        List<AuxvEntry> auxv,
        long filePageSize,
        List<FileMapping> files,
        CoreSignal signal,
        List<Mapping> mappings,
        List<Problem> warnings) {

    public CoreDump {
        segments = List.copyOf(segments);
        notes = List.copyOf(notes);
        threads = List.copyOf(threads);
        auxv = List.copyOf(auxv);
        files = List.copyOf(files);
        mappings = List.copyOf(mappings);
        warnings = List.copyOf(warnings);
    }

    /** The PT_LOAD segments, in file order. */
    public List<Segment> loads() {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.type().is("LOAD")) {
                out.add(s);
            }
        }
        return out;
    }

    /** The value of an auxiliary vector entry ({@code AT_PAGESZ} ...), or null. */
    public Long auxv(String name) {
        for (AuxvEntry e : auxv) {
            if (e.type().is(name)) {
                return e.value();
            }
        }
        return null;
    }
}
