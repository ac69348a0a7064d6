package org.kpaudit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.kpaudit.analyzer.disasm.Disassembler;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.SymbolRef;

/**
 * The instructions of a patch's new function, as objdump -d of the embedded object shows them
 * (the section's address plus offset, AT&T syntax on x86_64), with the relocation that applies inside each
 * instruction named (type, symbol, addend); without capstone, the bytes and how to get it.
 */
public final class Disassembly {

    /** Longest function disassembled (bytes); a longer one is cut and says so. */
    static final int MAX_BYTES = 1 << 16;

    private Disassembly() {
    }

    static Disassembler.Arch arch(ElfFile elf) {
        return Disassembler.Arch.of(elf.header().machine().value());
    }

    /**
     * The rows (address, bytes, instruction, relocation) of a function, or null when it cannot be
     * disassembled here (capstone absent, bytes not in the file, another machine).
     */
    public static List<Map<String, Object>> rows(ElfFile elf, SymbolRef fn, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, elf, fn, size);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) m.get("disassembly");
        return rows;
    }

    /** Adds {@code disassembly} (or {@code code} and {@code disassembly_unavailable}) to a function's map. */
    static void put(Map<String, Object> rec, ElfFile elf, SymbolRef fn, long size) {
        if (fn == null || size <= 0) {
            return;
        }
        Section sec = elf.section(fn.sectionIndex()).orElse(null);
        Disassembler.Arch arch = arch(elf);
        if (sec == null || !sec.hasFileData() || arch == null || fn.offset() < 0 || fn.offset() + size > sec.size()) {
            rec.put("disassembly_unavailable", "the function's bytes are not in the file, or the machine is not"
                    + " x86_64 or aarch64");
            return;
        }
        int len = (int) Math.min(size, MAX_BYTES);
        byte[] code = elf.read(sec.offset() + fn.offset(), len);
        if (!Disassembler.available()) {
            rec.put("code", Values.bytes(code));
            rec.put("disassembly_unavailable", Disassembler.HOW_TO_GET);
            return;
        }
        List<Relocation> relocs = new ArrayList<>();
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.target() == sec.index()) {
                relocs.addAll(elf.relocations(rs));
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        // addresses as objdump -d of the object shows them: the section's sh_addr (which kpatch_strip sets) + offset
        long base = sec.addr();
        long end = fn.offset();
        for (Disassembler.Instruction in : Disassembler.disassemble(arch, code, base + fn.offset(), 0)) {
            long off = in.address() - base;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", Values.hex(in.address()));
            m.put("bytes", Values.bytes(in.bytes()));
            m.put("instruction", in.text());
            List<String> here = new ArrayList<>();
            for (Relocation r : relocs) {
                if (r.offset() >= off && r.offset() < off + in.bytes().length) {
                    long a = r.addend() == null ? 0 : r.addend();
                    here.add(InspectView.code(r.type()) + " " + (r.symbolName() == null ? "-" : r.symbolName())
                            + (a == 0 ? "" : a > 0 ? "+" + Values.hex(a) : "-" + Values.hex(-a)));
                }
            }
            if (!here.isEmpty()) {
                m.put("relocation", String.join("; ", here));
            }
            out.add(m);
            end = off + in.bytes().length;
        }
        rec.put("disassembly", out);
        if (end < fn.offset() + len) {
            rec.put("disassembly_stopped", "at " + Values.hex(end) + ": the bytes there are not an instruction capstone"
                    + " decodes");
        }
        if (size > MAX_BYTES) {
            rec.put("disassembly_cut", "the function is " + size + " bytes; the first " + MAX_BYTES + " are shown");
        }
    }
}
