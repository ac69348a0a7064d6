package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.describe;
import static org.kpaudit.parser.ElfParser.enumName;
import static org.kpaudit.parser.ElfParser.hex;
import static org.kpaudit.parser.ElfParser.inFile;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.formats.Elf;
import org.kpaudit.formats.LinuxCoreNotes;
import org.kpaudit.model.AuxvEntry;
import org.kpaudit.model.Code;
import org.kpaudit.model.CoreDump;
import org.kpaudit.model.CoreProcessInfo;
import org.kpaudit.model.CoreSignal;
import org.kpaudit.model.CoreThread;
import org.kpaudit.model.ElfHeader;
import org.kpaudit.model.Endian;
import org.kpaudit.model.FileMapping;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.Note;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Segment;

/**
 * Opens ELF core dumps (ET_CORE) without mapping them: the ELF header, the program header
 * table and the PT_NOTE segments are read through a {@link FileChannel} in bounded windows,
 * so a core of any size costs memory in proportion to its headers and notes only. Memory
 * contents are read later, by address, through {@link CoreImage}.
 *
 * <p>Notes are read with {@code elf.ksy}; the descriptors of NT_PRSTATUS, NT_PRPSINFO, NT_AUXV,
 * NT_FILE and NT_SIGINFO with {@code linux_core_notes.ksy}.
 */
public final class CoreParser {

    /** Most program headers read: far above any real process (vm.max_map_count is 65530 by default). */
    public static final long MAX_PROGRAM_HEADERS = 1L << 22;

    /** Most note bytes read from all PT_NOTE segments together. */
    public static final long MAX_NOTE_BYTES = 64L << 20;

    /** Program headers read per window. */
    private static final int PHDR_WINDOW = 4096;

    static final long NT_PRSTATUS = 1;
    static final long NT_PRPSINFO = 3;
    static final long NT_AUXV = 6;
    static final long NT_FILE = 0x46494c45L;
    static final long NT_SIGINFO = 0x53494749L;

    /**
     * Register names of elf_gregset_t in order. x86_64: struct user_regs_struct
     * (arch/x86/include/asm/user_64.h); aarch64: struct user_pt_regs (arch/arm64/include/uapi/asm/ptrace.h).
     */
    private static final String[] X86_64_REGS = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
        "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds",
        "es", "fs", "gs"};
    private static final String[] AARCH64_REGS;

    static {
        AARCH64_REGS = new String[34];
        for (int i = 0; i < 31; i++) {
            AARCH64_REGS[i] = "x" + i;
        }
        AARCH64_REGS[31] = "sp";
        AARCH64_REGS[32] = "pc";
        AARCH64_REGS[33] = "pstate";
    }

    private CoreParser() {
    }

    /** Reads the facts of a core dump (no memory contents) and closes the file. */
    public static CoreDump parse(Path path) throws IOException {
        try (CoreImage image = open(path)) {
            return image.core();
        }
    }

    /** Opens a core dump for reading its memory by address; the caller closes it. */
    public static CoreImage open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new MalformedFileException(new Problem(path.toString(), -1, "is a directory"));
        }
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            CoreDump core = read(path.toString(), ch);
            return new CoreImage(core, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static CoreDump read(String name, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = readFully(ch, 0, (int) Math.min(size, 64));
        Elf root = ElfParser.identify(name, head, size);
        Elf.Identification ident = root.ident();
        boolean is64 = root.is64();
        boolean le = root.isLe();
        Elf.FileHeader fh = root.header();
        if (fh.objTypeRaw() != 4) {
            throw malformed(name, 16, "not a core dump: e_type is " + fh.objTypeRaw() + " (ET_CORE is 4)");
        }
        List<Problem> warnings = new ArrayList<>();

        // ---- program header table (PN_XNUM: the real count is in section header 0's sh_info)
        long phoff = fh.phoff();
        int phentsize = fh.lenProgramHeader();
        long phCount = fh.phnum();
        if (fh.phnum() == 0xffff) {
            phCount = extendedPhnum(name, ch, root, fh, size);
        }
        List<Segment> segments = new ArrayList<>();
        if (phoff == 0 || phCount == 0) {
            warnings.add(new Problem(name, is64 ? 32 : 28, "the core has no program headers, so no memory"));
        } else {
            int minPhdr = is64 ? ElfParser.PHDR64 : ElfParser.PHDR32;
            if (phentsize < minPhdr) {
                throw malformed(name, is64 ? 54 : 42, "e_phentsize is " + phentsize + ", smaller than a program header ("
                        + minPhdr + " bytes)");
            }
            if (Long.compareUnsigned(phCount, MAX_PROGRAM_HEADERS) > 0) {
                throw malformed(name, is64 ? 56 : 44, "the core claims " + Long.toUnsignedString(phCount)
                        + " program headers, more than kpaudit reads (" + MAX_PROGRAM_HEADERS + ")");
            }
            if (!inFile(phoff, phCount * phentsize, size)) {
                throw malformed(name, is64 ? 32 : 28, "program header table at 0x" + hex(phoff) + " with " + phCount
                        + " entries of " + phentsize + " bytes extends past the end of the file (" + size
                        + " bytes; truncated core?)");
            }
            for (long first = 0; first < phCount; first += PHDR_WINDOW) {
                int n = (int) Math.min(PHDR_WINDOW, phCount - first);
                ByteBuffer tbl = readFully(ch, phoff + first * phentsize, n * phentsize);
                for (int i = 0; i < n; i++) {
                    long index = first + i;
                    Elf.ProgramHeader ph;
                    try {
                        ph = new Elf.ProgramHeader(new ByteBufferKaitaiStream(tbl.slice(i * phentsize, phentsize)), fh,
                                root, index);
                    } catch (RuntimeException e) {
                        throw malformed(name, phoff + index * phentsize, "unreadable program header " + index + ": "
                                + describe(e));
                    }
                    segments.add(new Segment((int) index, new Code(ph.pTypeRaw(), enumName(ph.pType())), ph.flags(),
                            ph.offset(), ph.vaddr(), ph.paddr(), ph.filesz(), ph.memsz(), ph.align()));
                }
            }
        }

        ElfHeader header = new ElfHeader(is64 ? 64 : 32, le ? Endian.LITTLE : Endian.BIG, ident.version(),
                new Code(ident.osAbiRaw(), enumName(ident.osAbi())), ident.abiVersion(),
                new Code(fh.objTypeRaw(), enumName(fh.objType())), new Code(fh.machineRaw(), enumName(fh.machine())),
                fh.version(), fh.entry(), fh.phoff(), fh.shoff(), fh.flags(), fh.ehsize(), fh.lenProgramHeader(),
                fh.phnum(), fh.lenSectionHeader(), fh.shnum(), fh.shstrndx(), fh.shnum(), fh.shstrndx(), phCount);

        // ---- notes
        List<Note> notes = new ArrayList<>();
        long noteBudget = MAX_NOTE_BYTES;
        for (Segment s : segments) {
            if (!s.type().is("NOTE") || s.filesz() == 0) {
                continue;
            }
            String source = "PT_NOTE[" + s.index() + "]";
            if (!inFile(s.offset(), s.filesz(), size)) {
                warnings.add(new Problem(name, s.offset(), source + ": notes at 0x" + hex(s.offset()) + " + 0x"
                        + hex(s.filesz()) + " extend past the end of the file (" + size + " bytes)"));
                continue;
            }
            if (Long.compareUnsigned(s.filesz(), noteBudget) > 0) {
                warnings.add(new Problem(name, s.offset(), source + ": 0x" + hex(s.filesz()) + " bytes of notes; kpaudit"
                        + " reads at most " + MAX_NOTE_BYTES + " bytes of notes per core; not read"));
                continue;
            }
            noteBudget -= s.filesz();
            ByteBuffer area = readFully(ch, s.offset(), (int) s.filesz());
            readNotes(name, root, area, s.offset(), s.align() == 8 ? 8 : 4, source, notes, warnings);
        }

        // ---- note descriptors
        List<CoreThread> threads = new ArrayList<>();
        CoreProcessInfo process = null;
        List<AuxvEntry> auxv = new ArrayList<>();
        List<FileMapping> files = new ArrayList<>();
        long filePageSize = 0;
        CoreSignal signal = null;
        int word = is64 ? 8 : 4;
        String machine = enumName(fh.machine());
        for (Note n : notes) {
            if (!"CORE".equals(n.owner())) {
                continue;
            }
            long t = n.type().value();
            if (!le) {
                if (t == NT_PRSTATUS || t == NT_PRPSINFO || t == NT_AUXV || t == NT_FILE || t == NT_SIGINFO) {
                    warnings.add(new Problem(name, n.descOffset(), "note descriptors of big-endian cores are not decoded"));
                }
                continue;
            }
            ByteBuffer desc = ByteBuffer.wrap(n.desc()).order(ByteOrder.LITTLE_ENDIAN);
            try {
                if (t == NT_PRSTATUS && is64) {
                    threads.add(thread(n, desc, machine));
                } else if (t == NT_PRPSINFO && is64 && process == null) {
                    process = processInfo(name, n, desc);
                } else if (t == NT_AUXV && auxv.isEmpty()) {
                    LinuxCoreNotes.Auxv a = new LinuxCoreNotes.Auxv(new ByteBufferKaitaiStream(desc), word);
                    for (LinuxCoreNotes.AuxvEntry e : a.entries()) {
                        auxv.add(new AuxvEntry(new Code(e.typeRaw(), enumName(e.type())), e.value()));
                    }
                } else if (t == NT_FILE && files.isEmpty()) {
                    filePageSize = fileNote(name, n, desc, word, files, warnings);
                } else if (t == NT_SIGINFO && is64 && signal == null) {
                    signal = siginfo(n, desc);
                }
            } catch (MalformedFileException e) {
                warnings.add(e.problem());
            } catch (RuntimeException e) {
                warnings.add(new Problem(name, n.descOffset(), "unreadable " + noteName(n) + " note: " + describe(e)));
            }
        }

        long vdso = 0;
        for (AuxvEntry a : auxv) {
            if (a.type().value() == AT_SYSINFO_EHDR) {
                vdso = a.value();
            }
        }
        List<Mapping> mappings = mappings(name, segments, files, size, warnings, vdso,
                header.machine() != null && header.machine().value() == 62);
        return new CoreDump(name, size, header, segments, notes, threads, process, auxv, filePageSize, files, signal,
                mappings, warnings);
    }

    private static long extendedPhnum(String name, FileChannel ch, Elf root, Elf.FileHeader fh, long size)
            throws IOException {
        long shoff = fh.shoff();
        int shentsize = fh.lenSectionHeader();
        int min = root.is64() ? ElfParser.SHDR64 : ElfParser.SHDR32;
        if (shoff == 0 || shentsize < min || !inFile(shoff, shentsize, size)) {
            throw malformed(name, root.is64() ? 56 : 44, "e_phnum is PN_XNUM (0xffff) but section header 0, which holds"
                    + " the real count, cannot be read (e_shoff 0x" + hex(shoff) + ")");
        }
        ByteBuffer sh0 = readFully(ch, shoff, shentsize);
        try {
            return new Elf.SectionHeader(new ByteBufferKaitaiStream(sh0), fh, root, 0).info();
        } catch (RuntimeException e) {
            throw malformed(name, shoff, "unreadable section header 0: " + describe(e));
        }
    }

    /** The notes of a note area read into {@code area}; {@code base} is where the area starts (file offset or address). */
    static void readNotes(String name, Elf root, ByteBuffer area, long base, int align, String source, List<Note> out,
            List<Problem> warnings) {
        NoteArea.read(name, 0, root, new ByteBufferKaitaiStream(area), area.limit(), base, align, source, out, warnings);
    }

    private static String noteName(Note n) {
        return n.type().name() != null ? "NT_" + n.type().name() : "type 0x" + hex(n.type().value());
    }

    private static CoreThread thread(Note n, ByteBuffer desc, String machine) {
        LinuxCoreNotes.Prstatus p = new LinuxCoreNotes.Prstatus(new ByteBufferKaitaiStream(desc));
        List<Long> regs = p.regs();
        String[] names = "X86_64".equals(machine) ? X86_64_REGS : "AARCH64".equals(machine) ? AARCH64_REGS : null;
        Map<String, Long> named = new LinkedHashMap<>();
        if (names != null && regs.size() >= names.length) {
            for (int i = 0; i < names.length; i++) {
                named.put(names[i], regs.get(i));
            }
        }
        return new CoreThread(p.pid(), p.ppid(), p.pgrp(), p.sid(), new Code(p.cursig(), enumName(p.cursigName())),
                p.sigpend(), p.sighold(), regs, named, n.descOffset());
    }

    private static CoreProcessInfo processInfo(String name, Note n, ByteBuffer desc) {
        if (desc.limit() < 136) {
            throw new MalformedFileException(new Problem(name, n.descOffset(), "NT_PRPSINFO is " + desc.limit()
                    + " bytes, shorter than struct elf_prpsinfo (136)"));
        }
        LinuxCoreNotes.Prpsinfo p = new LinuxCoreNotes.Prpsinfo(new ByteBufferKaitaiStream(desc));
        return new CoreProcessInfo(p.state(), (char) p.sname(), p.zomb(), p.nice(), p.flag(), p.uid(), p.gid(), p.pid(),
                p.ppid(), p.pgrp(), p.sid(), Names.decodeCString(p.fname()), Names.decodeCString(p.psargs()).strip());
    }

    private static CoreSignal siginfo(Note n, ByteBuffer desc) {
        LinuxCoreNotes.Siginfo s = new LinuxCoreNotes.Siginfo(new ByteBufferKaitaiStream(desc));
        Long addr = s.faultAddress();
        Integer pid = s.senderPid();
        Long uid = s.senderUid();
        return new CoreSignal(new Code(s.signo(), enumName(s.signal())), s.errno(), s.code(), addr == null ? 0 : addr,
                pid == null ? 0 : pid, uid == null ? 0 : uid);
    }

    /** Decodes NT_FILE into {@code out}; returns its page size. */
    private static long fileNote(String name, Note n, ByteBuffer desc, int word, List<FileMapping> out,
            List<Problem> warnings) {
        long size = desc.limit();
        if (size < 2L * word) {
            throw new MalformedFileException(new Problem(name, n.descOffset(), "NT_FILE is " + size
                    + " bytes, too short for its count and page size"));
        }
        long count = word == 8 ? desc.getLong(0) : desc.getInt(0) & 0xffffffffL;
        long room = (size - 2L * word) / (3L * word);
        if (Long.compareUnsigned(count, room) > 0) {
            throw new MalformedFileException(new Problem(name, n.descOffset(), "NT_FILE claims "
                    + Long.toUnsignedString(count) + " mapped files but its " + size + "-byte descriptor has room for at"
                    + " most " + room));
        }
        LinuxCoreNotes.FileNote f = new LinuxCoreNotes.FileNote(new ByteBufferKaitaiStream(desc), word);
        long pageSize = f.pageSize();
        if (pageSize == 0) {
            warnings.add(new Problem(name, n.descOffset() + word, "NT_FILE page size is 0; file offsets read as bytes"));
        }
        List<LinuxCoreNotes.FileEntry> entries = f.entries();
        int namePos = (int) f.namesOffset();
        int missing = 0;
        for (int i = 0; i < entries.size(); i++) {
            LinuxCoreNotes.FileEntry e = entries.get(i);
            String path = null;
            if (namePos < size) {
                int end = namePos;
                while (end < size && desc.get(end) != 0) {
                    end++;
                }
                byte[] b = new byte[end - namePos];
                desc.get(namePos, b);
                path = Names.decode(b);
                namePos = end + 1;
            } else {
                missing++;
            }
            if (Long.compareUnsigned(e.start(), e.end()) > 0) {
                warnings.add(new Problem(name, n.descOffset() + 2L * word + 3L * word * i, "NT_FILE entry " + i
                        + ": start 0x" + hex(e.start()) + " is above its end 0x" + hex(e.end()) + "; skipped"));
                continue;
            }
            long offset = e.fileOfs() * (pageSize == 0 ? 1 : pageSize);
            out.add(new FileMapping(i, e.start(), e.end(), offset, path));
        }
        if (missing > 0) {
            warnings.add(new Problem(name, n.descOffset(), "NT_FILE has " + entries.size() + " entries but only "
                    + (entries.size() - missing) + " file names"));
        }
        return pageSize;
    }

    /** One mapping per PT_LOAD (named from NT_FILE), plus the NT_FILE entries no PT_LOAD covers. */
    /** AT_SYSINFO_EHDR: the address of the vDSO's ELF header (linux include/uapi/linux/auxvec.h). */
    static final int AT_SYSINFO_EHDR = 33;

    /** The fixed address of the x86_64 vsyscall page (linux Documentation/arch/x86/x86_64/mm.rst). */
    static final long VSYSCALL = 0xffffffffff600000L;

    /**
     * One mapping per PT_LOAD (named from NT_FILE), plus the NT_FILE entries no PT_LOAD covers.
     * Anonymous loads the kernel provides are named as /proc/PID/maps names them: the one at
     * AT_SYSINFO_EHDR {@code [vdso]}, the x86_64 vsyscall page {@code [vsyscall]}.
     */
    private static List<Mapping> mappings(String name, List<Segment> segments, List<FileMapping> files, long fileSize,
            List<Problem> warnings, long vdso, boolean x86) {
        List<FileMapping> byStart = new ArrayList<>(files);
        byStart.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        List<Mapping> out = new ArrayList<>();
        List<Segment> loads = new ArrayList<>();
        for (Segment s : segments) {
            if (s.type().is("LOAD")) {
                loads.add(s);
            }
        }
        boolean[] covered = new boolean[byStart.size()];
        for (Segment s : loads) {
            long present = present(s, fileSize);
            if (Long.compareUnsigned(s.filesz(), s.memsz()) > 0) {
                warnings.add(new Problem(name, s.offset(), "PT_LOAD[" + s.index() + "]: p_filesz 0x" + hex(s.filesz())
                        + " is larger than p_memsz 0x" + hex(s.memsz()) + "; only p_memsz bytes are memory"));
            }
            if (Long.compareUnsigned(present, Math.min(s.filesz(), s.memsz())) < 0) {
                warnings.add(new Problem(name, s.offset(), "PT_LOAD[" + s.index() + "]: 0x" + hex(s.filesz())
                        + " bytes at 0x" + hex(s.offset()) + " extend past the end of the file (" + fileSize
                        + " bytes; truncated core?); 0x" + hex(present) + " bytes are in the core"));
            }
            String path = null;
            long fileOffset = 0;
            int fi = fileContaining(byStart, s.vaddr());
            if (fi >= 0) {
                FileMapping f = byStart.get(fi);
                path = f.path();
                fileOffset = f.fileOffset() + (s.vaddr() - f.start());
            } else if (vdso != 0 && s.vaddr() == vdso) {
                path = "[vdso]";
            } else if (x86 && s.vaddr() == VSYSCALL) {
                path = "[vsyscall]";
            }
            for (int i = 0; i < byStart.size(); i++) {
                FileMapping f = byStart.get(i);
                if (Long.compareUnsigned(f.start(), s.vaddr() + s.memsz()) < 0
                        && Long.compareUnsigned(f.end(), s.vaddr()) > 0) {
                    covered[i] = true;
                }
            }
            out.add(new Mapping(s.vaddr(), s.vaddr() + s.memsz(), perms(s.flags()), path, fileOffset, present,
                    "PT_LOAD[" + s.index() + "]"));
        }
        for (int i = 0; i < byStart.size(); i++) {
            if (!covered[i]) {
                FileMapping f = byStart.get(i);
                out.add(new Mapping(f.start(), f.end(), "???", f.path(), f.fileOffset(), 0, "NT_FILE[" + f.index() + "]"));
            }
        }
        out.sort(Comparator.comparing(Mapping::start, Long::compareUnsigned));
        return out;
    }

    /** Bytes of a PT_LOAD that the file really holds: min(filesz, memsz), cut at the end of the file. */
    static long present(Segment s, long fileSize) {
        long n = Long.compareUnsigned(s.filesz(), s.memsz()) > 0 ? s.memsz() : s.filesz();
        if (n == 0 || Long.compareUnsigned(s.offset(), fileSize) >= 0) {
            return 0;
        }
        return Long.compareUnsigned(n, fileSize - s.offset()) > 0 ? fileSize - s.offset() : n;
    }

    private static int fileContaining(List<FileMapping> byStart, long address) {
        for (int i = byStart.size() - 1; i >= 0; i--) {
            FileMapping f = byStart.get(i);
            if (Long.compareUnsigned(f.start(), address) <= 0) {
                return Long.compareUnsigned(address, f.end()) < 0 ? i : -1;
            }
        }
        return -1;
    }

    static String perms(long flags) {
        return ((flags & Segment.PF_R) != 0 ? "r" : "-") + ((flags & Segment.PF_W) != 0 ? "w" : "-")
                + ((flags & Segment.PF_X) != 0 ? "x" : "-");
    }

    static ByteBuffer readFully(FileChannel ch, long offset, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = ch.read(b, offset + b.position());
            if (n < 0) {
                break;
            }
        }
        b.flip();
        return b;
    }

    private static MalformedFileException malformed(String file, long offset, String reason) {
        return new MalformedFileException(new Problem(file, offset, reason));
    }
}
