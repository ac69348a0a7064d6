package org.kpaudit.model;

import java.util.List;
import java.util.Map;

/**
 * One thread of a core dump (an NT_PRSTATUS note).
 *
 * @param pid the thread id
 * @param signal pr_cursig, the signal being handled (0 in gcore cores)
 * @param registers pr_reg as words, in the architecture's order
 * @param namedRegisters the same words by name for the architectures kpaudit knows (x86_64,
 *     aarch64), in order; empty otherwise
 * @param descOffset file offset of the note descriptor
 */
public record CoreThread(long pid, long ppid, long pgrp, long sid, Code signal, long sigpend, long sighold,
        List<Long> registers, Map<String, Long> namedRegisters, long descOffset) {

    public CoreThread {
        registers = List.copyOf(registers);
        namedRegisters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(namedRegisters));
    }

    /** The program counter (rip / pc), or null when the architecture is unknown. */
    public Long pc() {
        Long v = namedRegisters.get("rip");
        return v != null ? v : namedRegisters.get("pc");
    }

    /** The stack pointer (rsp / sp), or null when the architecture is unknown. */
    public Long sp() {
        Long v = namedRegisters.get("rsp");
        return v != null ? v : namedRegisters.get("sp");
    }
}
