package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.describe;
import static org.kpaudit.parser.ElfParser.enumName;
import static org.kpaudit.parser.ElfParser.hex;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.kpaudit.formats.Elf;
import org.kpaudit.model.Code;
import org.kpaudit.model.LoadedElf;
import org.kpaudit.model.MemorySymbol;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Note;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Segment;

/**
 * Reads a mapped ELF object's header, program headers and GNU build-id note from a process
 * image, as {@code libcare-ctl} does to match patches to objects (lcp
 * {@code elf_object_look_for_buildid()}, kpatch-format.md section 1.6): the program headers from
 * the object's first mapping, then the PT_NOTE segments at their load addresses.
 */
public final class LoadedElfReader {

    /** Most program headers read from memory (real objects have about a dozen). */
    public static final int MAX_PROGRAM_HEADERS = 1024;

    /** Most bytes read from one PT_NOTE segment in memory. */
    public static final int MAX_NOTE_SEGMENT = 1 << 16;

    /** How {@link LoadedElf#buildIdProblem()} starts when the mapping is readable but holds no ELF header. */
    public static final String NOT_ELF = "no ELF header";

    private LoadedElfReader() {
    }

    /** What the image shows of the ELF object mapped at {@code base}; problems are kept in the result. */
    public static LoadedElf read(MemoryImage mem, long base) throws IOException {
        byte[] head = mem.read(base, 64);
        if (head.length < 16) {
            return fail(base, "ELF header not readable: " + mem.whyUnavailable(base + head.length));
        }
        if (head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return fail(base, NOT_ELF + " at 0x" + hex(base));
        }
        Elf root;
        Elf.FileHeader fh;
        try {
            root = new Elf(new ByteBufferKaitaiStream(ByteBuffer.wrap(head)));
            if (root.ident().elfClass() == null || root.ident().data() == null) {
                return fail(base, "unsupported ELF class or data encoding");
            }
            if (head.length < (root.is64() ? 64 : 52)) {
                return fail(base, "ELF header not readable: " + mem.whyUnavailable(base + head.length));
            }
            fh = root.header();
        } catch (RuntimeException e) {
            return fail(base, "unreadable ELF header: " + describe(e));
        }
        Code type = new Code(fh.objTypeRaw(), enumName(fh.objType()));
        Code machine = new Code(fh.machineRaw(), enumName(fh.machine()));
        int phentsize = fh.lenProgramHeader();
        int phnum = fh.phnum();
        int min = root.is64() ? ElfParser.PHDR64 : ElfParser.PHDR32;
        if (fh.phoff() == 0 || phnum == 0 || phentsize < min || phnum > MAX_PROGRAM_HEADERS) {
            return new LoadedElf(base, type, machine, List.of(), 0, null, "no usable program header table (e_phoff 0x"
                    + hex(fh.phoff()) + ", e_phnum " + phnum + ", e_phentsize " + phentsize + ")");
        }
        long need = (long) phnum * phentsize;
        byte[] tbl = mem.read(base + fh.phoff(), (int) need);
        if (tbl.length < need) {
            return new LoadedElf(base, type, machine, List.of(), 0, null, "program headers not readable: "
                    + mem.whyUnavailable(base + fh.phoff() + tbl.length));
        }
        List<Segment> segs = new ArrayList<>();
        long lowest = -1;
        try {
            ByteBuffer tb = ByteBuffer.wrap(tbl);
            for (int i = 0; i < phnum; i++) {
                Elf.ProgramHeader ph = new Elf.ProgramHeader(new ByteBufferKaitaiStream(tb.slice(i * phentsize,
                        phentsize)), fh, root, i);
                Segment s = new Segment(i, new Code(ph.pTypeRaw(), enumName(ph.pType())), ph.flags(), ph.offset(),
                        ph.vaddr(), ph.paddr(), ph.filesz(), ph.memsz(), ph.align());
                segs.add(s);
                if (s.type().is("LOAD") && (lowest == -1 || Long.compareUnsigned(s.vaddr(), lowest) < 0)) {
                    lowest = s.vaddr();
                }
            }
        } catch (RuntimeException e) {
            return new LoadedElf(base, type, machine, List.of(), 0, null, "unreadable program headers: "
                    + describe(e));
        }
        long bias = lowest == -1 ? base : base - (lowest & ~0xfffL);
        String buildId = null;
        String problem = "no NT_GNU_BUILD_ID note in the PT_NOTE segments";
        for (Segment s : segs) {
            if (!s.type().is("NOTE") || s.memsz() == 0) {
                continue;
            }
            int len = (int) (Long.compareUnsigned(s.memsz(), MAX_NOTE_SEGMENT) > 0 ? MAX_NOTE_SEGMENT : s.memsz());
            long at = bias + s.vaddr();
            byte[] area = mem.read(at, len);
            if (area.length < len) {
                problem = "build-id note at 0x" + hex(at) + " not readable: " + mem.whyUnavailable(at + area.length);
                continue;
            }
            List<Note> notes = new ArrayList<>();
            List<Problem> ignored = new ArrayList<>();
            CoreParser.readNotes(mem.name(), root, ByteBuffer.wrap(area), at, s.align() == 8 ? 8 : 4, "PT_NOTE["
                    + s.index() + "]", notes, ignored);
            for (Note n : notes) {
                if ("GNU".equals(n.owner()) && n.type().value() == 3) {
                    buildId = HexFormat.of().formatHex(n.desc());
                    problem = null;
                    break;
                }
            }
            if (buildId != null) {
                break;
            }
        }
        return new LoadedElf(base, type, machine, segs, bias, buildId, problem);
    }

    /** Bytes of a PT_DYNAMIC segment read from memory at most. */
    static final int MAX_DYNAMIC = 1 << 16;

    /**
     * The defined functions of the dynamic symbol table an ELF64 little-endian object shows in
     * memory, found through its PT_DYNAMIC (DT_SYMTAB, DT_STRTAB, DT_SYMENT, and DT_HASH's nchain
     * or, without it, the distance from DT_SYMTAB to DT_STRTAB for the count; gABI "Dynamic
     * Section", "Hash Table"). The dynamic loader relocates the d_ptr values of a writable dynamic
     * section in place (glibc elf/get-dynamic-info.h), a read-only one (the vDSO) keeps link-time
     * values: a value below the object's base is taken as link-time. Stops at the first symbol
     * the image does not hold, and after {@code max} symbols; empty when the table is not readable.
     */
    public static List<MemorySymbol> dynamicFunctions(MemoryImage mem, LoadedElf elf, int max) throws IOException {
        Segment dyn = null;
        for (Segment s : elf.segments()) {
            if (s.type().value() == 2) { // PT_DYNAMIC
                dyn = s;
            }
        }
        if (dyn == null || elf.machine() == null || !(elf.machine().value() == 62 || elf.machine().value() == 183)) {
            return List.of();
        }
        int len = (int) Math.min(Long.compareUnsigned(dyn.memsz(), MAX_DYNAMIC) > 0 ? MAX_DYNAMIC : dyn.memsz(),
                MAX_DYNAMIC);
        ByteBuffer d = ByteBuffer.wrap(mem.read(elf.loadBias() + dyn.vaddr(), len)).order(ByteOrder.LITTLE_ENDIAN);
        long symtab = 0;
        long strtab = 0;
        long strsz = 0;
        long syment = 24;
        long hash = 0;
        for (int off = 0; off + 16 <= d.limit(); off += 16) {
            long tag = d.getLong(off);
            long val = d.getLong(off + 8);
            if (tag == 0) {
                break;
            }
            if (tag == 6) {
                symtab = val;
            } else if (tag == 5) {
                strtab = val;
            } else if (tag == 10) {
                strsz = val;
            } else if (tag == 11) {
                syment = val;
            } else if (tag == 4) {
                hash = val;
            }
        }
        if (symtab == 0 || strtab == 0 || syment < 24 || syment > 256) {
            return List.of();
        }
        symtab = runtime(symtab, elf);
        strtab = runtime(strtab, elf);
        long count;
        if (hash != 0) {
            byte[] h = mem.read(runtime(hash, elf) + 4, 4);
            count = h.length == 4 ? ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL : 0;
        } else {
            count = Long.compareUnsigned(strtab, symtab) > 0 ? (strtab - symtab) / syment : 0;
        }
        count = Math.min(count, max);
        List<MemorySymbol> out = new ArrayList<>();
        for (long i = 1; i < count; i++) {
            byte[] e = mem.read(symtab + i * syment, 24);
            if (e.length < 24) {
                break;
            }
            ByteBuffer b = ByteBuffer.wrap(e).order(ByteOrder.LITTLE_ENDIAN);
            long nameOff = b.getInt(0) & 0xffffffffL;
            int type = b.get(4) & 0xf;
            int shndx = b.getShort(6) & 0xffff;
            long value = b.getLong(8);
            long size = b.getLong(16);
            if ((type != 2 && type != 10) || shndx == 0 || value == 0) { // STT_FUNC, STT_GNU_IFUNC; defined
                continue;
            }
            String name = null;
            if (strsz == 0 || Long.compareUnsigned(nameOff, strsz) < 0) {
                byte[] nb = mem.read(strtab + nameOff, 256);
                int end = 0;
                while (end < nb.length && nb[end] != 0) {
                    end++;
                }
                if (end < nb.length) {
                    name = Names.decode(java.util.Arrays.copyOf(nb, end));
                }
            }
            out.add(new MemorySymbol(name, elf.loadBias() + value, size));
        }
        return out;
    }

    private static long runtime(long ptr, LoadedElf elf) {
        return Long.compareUnsigned(ptr, elf.base()) < 0 ? ptr + elf.loadBias() : ptr;
    }

    private static LoadedElf fail(long base, String why) {
        return new LoadedElf(base, null, null, List.of(), 0, null, why);
    }
}
