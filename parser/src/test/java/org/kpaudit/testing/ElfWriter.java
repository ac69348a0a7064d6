package org.kpaudit.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small ELF writer for tests: sections with contents or NOBITS, a symbol table, REL/RELA
 * sections, program headers, notes, and knobs to write malformed headers. Independent of the
 * code under test (written from the gABI tables, not from the parser).
 */
public final class ElfWriter {

    public static final int ET_REL = 1;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int ET_CORE = 4;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;

    public static final int SHT_PROGBITS = 1;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_RELA = 4;
    public static final int SHT_NOTE = 7;
    public static final int SHT_NOBITS = 8;
    public static final int SHT_REL = 9;
    public static final int SHT_DYNSYM = 11;

    /** One section to write. {@code data == null} means NOBITS of {@code size} bytes. */
    public static final class Sec {
        public String name;
        public int type;
        public long flags;
        public long addr;
        public byte[] data;
        public long size;
        public long link;
        public long info;
        public long align = 1;
        public long entsize;
        /** When set, written as sh_offset instead of the real offset. */
        public Long forcedOffset;
        /** When set, written as sh_size instead of the real size. */
        public Long forcedSize;
        /** When set, written as sh_name instead of the real name offset. */
        public Long forcedNameOffset;
        int index;
        long offset;
        long nameOffset;

        public int index() {
            return index;
        }
    }

    /** One symbol for {@link #symtab}. */
    public record Sym(String name, long value, long size, int type, int bind, int shndx) {
        public static Sym func(String name, long value, long size, int shndx) {
            return new Sym(name, value, size, 2, 1, shndx);
        }

        public static Sym section(int shndx) {
            return new Sym("", 0, 0, 3, 0, shndx);
        }

        public static Sym undef(String name, int type) {
            return new Sym(name, 0, 0, type, 1, 0);
        }
    }

    /** One relocation for {@link #rela}. */
    public record Rel(long offset, long sym, long type, long addend) {
    }

    /** One program header. */
    public record Phdr(long type, long flags, long offset, long vaddr, long filesz, long memsz, long align) {
    }

    private final boolean is64;
    private final boolean le;
    private final int type;
    private final int machine;
    private final List<Sec> sections = new ArrayList<>();
    private final List<Phdr> phdrs = new ArrayList<>();
    private final Map<String, Long> shstrOffsets = new LinkedHashMap<>();
    private Integer forcedShnum;
    private Integer forcedShstrndx;
    private Long forcedShoff;
    private Integer forcedShentsize;
    private boolean extendedNumbering;
    private Sec shstrtab;

    public ElfWriter(int elfClass, boolean littleEndian, int type, int machine) {
        this.is64 = elfClass == 64;
        this.le = littleEndian;
        this.type = type;
        this.machine = machine;
        Sec nul = new Sec();
        nul.name = "";
        nul.type = 0;
        nul.align = 0;
        sections.add(nul);
    }

    public static ElfWriter rel64() {
        return new ElfWriter(64, true, ET_REL, EM_X86_64);
    }

    public Sec section(String name, int shType, long flags, long addr, byte[] data) {
        Sec s = new Sec();
        s.name = name;
        s.type = shType;
        s.flags = flags;
        s.addr = addr;
        s.data = data;
        s.size = data == null ? 0 : data.length;
        s.index = sections.size();
        sections.add(s);
        return s;
    }

    public Sec nobits(String name, long flags, long addr, long size) {
        Sec s = section(name, SHT_NOBITS, flags, addr, null);
        s.size = size;
        return s;
    }

    public List<Sec> sections() {
        return sections;
    }

    /** Adds .symtab and .strtab; symbol 0 (null) is added first. Returns the .symtab section. */
    public Sec symtab(List<Sym> syms) {
        return symbolTable(".symtab", ".strtab", SHT_SYMTAB, syms);
    }

    public Sec symbolTable(String name, String strName, int shType, List<Sym> syms) {
        ByteArrayOutputStream str = new ByteArrayOutputStream();
        str.write(0);
        ByteBuffer b = buf((syms.size() + 1) * (is64 ? 24 : 16));
        writeSym(b, 0, new Sym("", 0, 0, 0, 0, 0));
        int locals = 1;
        for (Sym s : syms) {
            long off = 0;
            if (!s.name().isEmpty()) {
                off = str.size();
                str.writeBytes(s.name().getBytes(StandardCharsets.UTF_8));
                str.write(0);
            }
            writeSym(b, off, s);
            if (s.bind() == 0) {
                locals++;
            }
        }
        Sec st = section(name, shType, 0, 0, b.array());
        st.entsize = is64 ? 24 : 16;
        st.align = 8;
        st.info = locals;
        Sec strs = section(strName, SHT_STRTAB, 0, 0, str.toByteArray());
        st.link = strs.index;
        return st;
    }

    private void writeSym(ByteBuffer b, long nameOff, Sym s) {
        int info = (s.bind() << 4) | (s.type() & 0xf);
        if (is64) {
            b.putInt((int) nameOff);
            b.put((byte) info);
            b.put((byte) 0);
            b.putShort((short) s.shndx());
            b.putLong(s.value());
            b.putLong(s.size());
        } else {
            b.putInt((int) nameOff);
            b.putInt((int) s.value());
            b.putInt((int) s.size());
            b.put((byte) info);
            b.put((byte) 0);
            b.putShort((short) s.shndx());
        }
    }

    /** A RELA section applying to {@code target}, with symbols of {@code symtab}. */
    public Sec rela(String name, Sec target, Sec symtab, List<Rel> rels) {
        ByteBuffer b = buf(rels.size() * (is64 ? 24 : 12));
        for (Rel r : rels) {
            if (is64) {
                b.putLong(r.offset());
                b.putLong((r.sym() << 32) | (r.type() & 0xffffffffL));
                b.putLong(r.addend());
            } else {
                b.putInt((int) r.offset());
                b.putInt((int) ((r.sym() << 8) | (r.type() & 0xff)));
                b.putInt((int) r.addend());
            }
        }
        Sec s = section(name, SHT_RELA, 0x40, 0, b.array());
        s.entsize = is64 ? 24 : 12;
        s.align = 8;
        s.link = symtab.index;
        s.info = target.index;
        return s;
    }

    /** A note section (4-byte aligned notes). */
    public Sec note(String name, String owner, int noteType, byte[] desc) {
        return section(name, SHT_NOTE, 2, 0, noteBytes(owner, noteType, desc));
    }

    public byte[] noteBytes(String owner, int noteType, byte[] desc) {
        byte[] ob = (owner + "\0").getBytes(StandardCharsets.US_ASCII);
        int nlen = (ob.length + 3) & ~3;
        int dlen = (desc.length + 3) & ~3;
        ByteBuffer b = buf(12 + nlen + dlen);
        b.putInt(ob.length);
        b.putInt(desc.length);
        b.putInt(noteType);
        b.put(ob);
        b.position(12 + nlen);
        b.put(desc);
        return b.array();
    }

    public void phdr(Phdr p) {
        phdrs.add(p);
    }

    public ElfWriter forceShnum(int v) {
        forcedShnum = v;
        return this;
    }

    public ElfWriter forceShstrndx(int v) {
        forcedShstrndx = v;
        return this;
    }

    public ElfWriter forceShoff(long v) {
        forcedShoff = v;
        return this;
    }

    public ElfWriter forceShentsize(int v) {
        forcedShentsize = v;
        return this;
    }

    /** Writes e_shnum = 0 and e_shstrndx = SHN_XINDEX with the real values in section 0. */
    public ElfWriter extendedNumbering() {
        extendedNumbering = true;
        return this;
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(le ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    public byte[] build() {
        // .shstrtab last (once: build() may be called again after changing the knobs)
        if (shstrtab == null) {
            shstrtab = new Sec();
            shstrtab.name = ".shstrtab";
            shstrtab.type = SHT_STRTAB;
            shstrtab.index = sections.size();
            sections.add(shstrtab);
        }
        Sec shstr = shstrtab;
        shstrOffsets.clear();
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        for (Sec s : sections) {
            if (s.name.isEmpty()) {
                s.nameOffset = 0;
                continue;
            }
            Long known = shstrOffsets.get(s.name);
            if (known == null) {
                known = (long) names.size();
                names.writeBytes(s.name.getBytes(StandardCharsets.UTF_8));
                names.write(0);
                shstrOffsets.put(s.name, known);
            }
            s.nameOffset = known;
        }
        shstr.data = names.toByteArray();
        shstr.size = shstr.data.length;

        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int shentsize = is64 ? 64 : 40;
        long pos = ehsize;
        long phoff = 0;
        if (!phdrs.isEmpty()) {
            phoff = pos;
            pos += (long) phdrs.size() * phentsize;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Sec s : sections) {
            if (s.data == null) {
                s.offset = pos;
                continue;
            }
            long align = Math.max(1, s.align);
            long pad = (align - pos % align) % align;
            for (long i = 0; i < pad; i++) {
                body.write(0);
            }
            pos += pad;
            s.offset = pos;
            body.writeBytes(s.data);
            pos += s.data.length;
        }
        long shoffPad = (8 - pos % 8) % 8;
        pos += shoffPad;
        long shoff = pos;
        int count = sections.size();
        ByteBuffer out = buf((int) (shoff + (long) count * shentsize));
        // header
        out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (le ? 1 : 2), 1, 0});
        out.position(16);
        out.putShort((short) type);
        out.putShort((short) machine);
        out.putInt(1);
        long shoffW = forcedShoff != null ? forcedShoff : shoff;
        int shnumW = forcedShnum != null ? forcedShnum : extendedNumbering ? 0 : count;
        int shstrW = forcedShstrndx != null ? forcedShstrndx : extendedNumbering ? 0xffff : shstr.index;
        if (is64) {
            out.putLong(0);
            out.putLong(phoff);
            out.putLong(shoffW);
        } else {
            out.putInt(0);
            out.putInt((int) phoff);
            out.putInt((int) shoffW);
        }
        out.putInt(0);
        out.putShort((short) ehsize);
        out.putShort((short) phentsize);
        out.putShort((short) phdrs.size());
        out.putShort((short) (forcedShentsize != null ? forcedShentsize : shentsize));
        out.putShort((short) shnumW);
        out.putShort((short) shstrW);
        // program headers
        out.position((int) (phoff == 0 ? ehsize : phoff));
        for (Phdr p : phdrs) {
            if (is64) {
                out.putInt((int) p.type());
                out.putInt((int) p.flags());
                out.putLong(p.offset());
                out.putLong(p.vaddr());
                out.putLong(p.vaddr());
                out.putLong(p.filesz());
                out.putLong(p.memsz());
                out.putLong(p.align());
            } else {
                out.putInt((int) p.type());
                out.putInt((int) p.offset());
                out.putInt((int) p.vaddr());
                out.putInt((int) p.vaddr());
                out.putInt((int) p.filesz());
                out.putInt((int) p.memsz());
                out.putInt((int) p.flags());
                out.putInt((int) p.align());
            }
        }
        // section bodies
        byte[] bodyBytes = body.toByteArray();
        out.position((int) (phoff == 0 ? ehsize : phoff + (long) phdrs.size() * phentsize));
        out.put(bodyBytes);
        // section headers
        out.position((int) shoff);
        for (Sec s : sections) {
            long size = s.forcedSize != null ? s.forcedSize : s.data != null ? s.data.length : s.size;
            long off = s.forcedOffset != null ? s.forcedOffset : s.offset;
            long nameOff = s.forcedNameOffset != null ? s.forcedNameOffset : s.nameOffset;
            long link = s.link;
            long info = s.info;
            if (s.index == 0 && extendedNumbering) {
                size = count;
                link = shstr.index;
            }
            out.putInt((int) nameOff);
            out.putInt(s.type);
            if (is64) {
                out.putLong(s.flags);
                out.putLong(s.addr);
                out.putLong(off);
                out.putLong(size);
                out.putInt((int) link);
                out.putInt((int) info);
                out.putLong(s.align);
                out.putLong(s.entsize);
            } else {
                out.putInt((int) s.flags);
                out.putInt((int) s.addr);
                out.putInt((int) off);
                out.putInt((int) size);
                out.putInt((int) link);
                out.putInt((int) info);
                out.putInt((int) s.align);
                out.putInt((int) s.entsize);
            }
        }
        return out.array();
    }

    /** Little-endian bytes of 64-bit values, for section contents. */
    public static byte[] u64s(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
