package org.kpaudit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes synthetic ELF core dumps (ET_CORE, ELFCLASS64, little-endian) for tests: a PT_NOTE
 * segment with NT_PRSTATUS, NT_PRPSINFO, NT_AUXV, NT_SIGINFO and NT_FILE notes, and PT_LOAD
 * segments with contents (possibly shorter than their memory size, as the kernel writes them).
 * Notes are built with {@link ElfWriter#noteBytes}; layouts follow the kernel's
 * include/uapi/linux/elfcore.h and fs/binfmt_elf.c (not the code under test). Knobs make the
 * NT_FILE count lie, or the file end before a segment's data.
 */
public final class CoreWriter {

    public static final int PT_LOAD = 1;
    public static final int PT_NOTE = 4;

    private record Load(long vaddr, int flags, long memsz, byte[] data, Long fileOffset) {
    }

    private record FileEntry(long start, long end, long offset, String path) {
    }

    private final int machine;
    private final ElfWriter notes;
    private final ByteArrayOutputStream noteArea = new ByteArrayOutputStream();
    private final List<Load> loads = new ArrayList<>();
    private final List<FileEntry> files = new ArrayList<>();
    private long filePageSize = 4096;
    private Long fileCountOverride;
    private boolean fileNoteAdded;
    private Long truncateAt;

    public CoreWriter(int machine) {
        this.machine = machine;
        this.notes = new ElfWriter(64, true, ElfWriter.ET_CORE, machine);
    }

    public static CoreWriter x86_64() {
        return new CoreWriter(ElfWriter.EM_X86_64);
    }

    /** A raw note. */
    public CoreWriter note(String owner, int type, byte[] desc) {
        noteArea.writeBytes(notes.noteBytes(owner, type, desc));
        return this;
    }

    /** NT_PRPSINFO (struct elf_prpsinfo, 136 bytes). */
    public CoreWriter prpsinfo(String fname, String psargs, int pid, int uid) {
        ByteBuffer b = le(136);
        b.put(0, (byte) 0);
        b.put(1, (byte) 'R');
        b.putInt(16, uid);
        b.putInt(20, uid);
        b.putInt(24, pid);
        b.putInt(28, 1);
        b.putInt(32, pid);
        b.putInt(36, pid);
        put(b, 40, fname, 16);
        put(b, 56, psargs, 80);
        return note("CORE", 3, b.array());
    }

    /** NT_PRSTATUS (struct elf_prstatus, 112 bytes of header, the registers, pr_fpvalid and padding). */
    public CoreWriter prstatus(int pid, int signal, long... regs) {
        ByteBuffer b = le(112 + regs.length * 8 + 8);
        b.putInt(0, signal);
        b.putShort(12, (short) signal);
        b.putInt(32, pid);
        b.putInt(36, 1);
        b.putInt(40, pid);
        b.putInt(44, pid);
        for (int i = 0; i < regs.length; i++) {
            b.putLong(112 + i * 8, regs[i]);
        }
        return note("CORE", 1, b.array());
    }

    /** NT_AUXV from (type, value) pairs; AT_NULL is appended. */
    public CoreWriter auxv(long... pairs) {
        ByteBuffer b = le(pairs.length * 8 + 16);
        for (int i = 0; i < pairs.length; i++) {
            b.putLong(i * 8, pairs[i]);
        }
        return note("CORE", 6, b.array());
    }

    /** NT_SIGINFO: signo, errno 0, code, and the fault address (or sender pid) at offset 16. */
    public CoreWriter siginfo(int signo, int code, long addressOrPid) {
        ByteBuffer b = le(128);
        b.putInt(0, signo);
        b.putInt(8, code);
        b.putLong(16, addressOrPid);
        return note("CORE", 0x53494749, b.array());
    }

    /** An NT_FILE entry (offset in bytes; written in units of the page size). */
    public CoreWriter file(long start, long end, long offset, String path) {
        files.add(new FileEntry(start, end, offset, path));
        return this;
    }

    public CoreWriter filePageSize(long v) {
        filePageSize = v;
        return this;
    }

    /** Writes this count in NT_FILE instead of the real one. */
    public CoreWriter fileCountOverride(long v) {
        fileCountOverride = v;
        return this;
    }

    /** Adds the NT_FILE note now (else it is added last, when the core is built). */
    public CoreWriter fileNote() {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        ByteBuffer b = le(16 + files.size() * 24);
        b.putLong(0, fileCountOverride != null ? fileCountOverride : files.size());
        b.putLong(8, filePageSize);
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            b.putLong(16 + i * 24, f.start());
            b.putLong(24 + i * 24, f.end());
            b.putLong(32 + i * 24, f.offset() / filePageSize);
            names.writeBytes(f.path().getBytes(StandardCharsets.UTF_8));
            names.write(0);
        }
        ByteArrayOutputStream desc = new ByteArrayOutputStream();
        desc.writeBytes(b.array());
        desc.writeBytes(names.toByteArray());
        fileNoteAdded = true;
        return note("CORE", 0x46494c45, desc.toByteArray());
    }

    /** A PT_LOAD whose memory is all in the file. {@code perms} like {@code r-x}. */
    public CoreWriter load(long vaddr, String perms, byte[] data) {
        return load(vaddr, perms, data.length, data);
    }

    /** A PT_LOAD of {@code memsz} bytes of which only {@code data} is in the file. */
    public CoreWriter load(long vaddr, String perms, long memsz, byte[] data) {
        loads.add(new Load(vaddr, flags(perms), memsz, data, null));
        return this;
    }

    /** A PT_LOAD whose data is written at {@code fileOffset} (for files larger than 2 GiB; see {@link #write}). */
    public CoreWriter loadAt(long fileOffset, long vaddr, String perms, byte[] data) {
        loads.add(new Load(vaddr, flags(perms), data.length, data, fileOffset));
        return this;
    }

    /** Ends the file at this offset, cutting whatever lies after it. */
    public CoreWriter truncateAt(long v) {
        truncateAt = v;
        return this;
    }

    private static int flags(String perms) {
        return (perms.charAt(0) == 'r' ? 4 : 0) | (perms.charAt(1) == 'w' ? 2 : 0) | (perms.charAt(2) == 'x' ? 1 : 0);
    }

    /** Where each part goes: header and program headers, notes, then the loads page-aligned. */
    private long[] layout(byte[] noteBytes) {
        int phnum = 1 + loads.size();
        long pos = 64 + 56L * phnum;
        long noteOff = pos;
        pos += noteBytes.length;
        long[] offsets = new long[loads.size() + 1];
        offsets[0] = noteOff;
        for (int i = 0; i < loads.size(); i++) {
            Load l = loads.get(i);
            pos = (pos + 4095) & ~4095L;
            if (l.fileOffset() != null) {
                pos = l.fileOffset();
            }
            offsets[i + 1] = pos;
            pos += l.data().length;
        }
        return offsets;
    }

    private byte[] headers(byte[] noteBytes, long[] offsets) {
        int phnum = 1 + loads.size();
        ByteBuffer b = le(64 + 56 * phnum);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) ElfWriter.ET_CORE);
        b.putShort(18, (short) machine);
        b.putInt(20, 1);
        b.putLong(32, 64);
        b.putShort(52, (short) 64);
        b.putShort(54, (short) 56);
        b.putShort(56, (short) phnum);
        b.putShort(58, (short) 64);
        int p = 64;
        b.putInt(p, PT_NOTE);
        b.putLong(p + 8, offsets[0]);
        b.putLong(p + 32, noteBytes.length);
        b.putLong(p + 48, 4);
        for (int i = 0; i < loads.size(); i++) {
            Load l = loads.get(i);
            p = 64 + 56 * (i + 1);
            b.putInt(p, PT_LOAD);
            b.putInt(p + 4, l.flags());
            b.putLong(p + 8, offsets[i + 1]);
            b.putLong(p + 16, l.vaddr());
            b.putLong(p + 32, l.data().length);
            b.putLong(p + 40, l.memsz());
            b.putLong(p + 48, 4096);
        }
        return b.array();
    }

    private byte[] noteBytes() {
        if (!fileNoteAdded && !files.isEmpty()) {
            fileNote();
        }
        return noteArea.toByteArray();
    }

    /** The core as bytes (every part below 2 GiB). */
    public byte[] build() {
        byte[] nb = noteBytes();
        long[] offsets = layout(nb);
        long end = offsets[0] + nb.length;
        for (int i = 0; i < loads.size(); i++) {
            end = Math.max(end, offsets[i + 1] + loads.get(i).data().length);
        }
        byte[] out = new byte[(int) end];
        byte[] h = headers(nb, offsets);
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(nb, 0, out, (int) offsets[0], nb.length);
        for (int i = 0; i < loads.size(); i++) {
            byte[] d = loads.get(i).data();
            System.arraycopy(d, 0, out, (int) offsets[i + 1], d.length);
        }
        if (truncateAt != null && truncateAt < out.length) {
            return java.util.Arrays.copyOf(out, truncateAt.intValue());
        }
        return out;
    }

    /** Writes the core to {@code path} with positional writes, leaving holes (sparse) between parts. */
    public void write(Path path) throws IOException {
        byte[] nb = noteBytes();
        long[] offsets = layout(nb);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeAt(ch, headers(nb, offsets), 0);
            writeAt(ch, nb, offsets[0]);
            for (int i = 0; i < loads.size(); i++) {
                writeAt(ch, loads.get(i).data(), offsets[i + 1]);
            }
            if (truncateAt != null) {
                ch.truncate(truncateAt);
            }
        }
    }

    private static void writeAt(FileChannel ch, byte[] data, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            ch.write(b, pos + b.position());
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void put(ByteBuffer b, int at, String s, int max) {
        byte[] v = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Math.min(v.length, max); i++) {
            b.put(at + i, v[i]);
        }
    }
}
