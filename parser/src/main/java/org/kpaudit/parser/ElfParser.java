package org.kpaudit.parser;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.kpaudit.formats.Elf;
import org.kpaudit.model.Code;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.ElfHeader;
import org.kpaudit.model.Endian;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Section;
import org.kpaudit.model.Segment;

/**
 * Opens ELF files through the Kaitai-generated {@link Elf} class.
 *
 * <p>Opening reads the identification, the file header, the section header table and the
 * program header table, after checking each table against the file size. Everything else is
 * read on first use by {@link KaitaiElfBackend}. A malformed header or table throws
 * {@link MalformedFileException} with the file, the offset and the reason.
 */
public final class ElfParser {

    static final int SHDR64 = 64;
    static final int SHDR32 = 40;
    static final int PHDR64 = 56;
    static final int PHDR32 = 32;

    private ElfParser() {
    }

    public static ElfFile parse(Path path) throws IOException {
        long size = java.nio.file.Files.isRegularFile(path) ? java.nio.file.Files.size(path) : 0;
        if (size <= MappedInput.MAX_MAPPED) {
            return parse(path.toString(), MappedInput.map(path));
        }
        // above 2 GiB: no single buffer holds the file; it is read through windows mapped where needed
        String name = path.toString();
        FileBytes bytes = FileBytes.open(path);
        byte[] head = new byte[64];
        bytes.get(0, head, 0, head.length);
        identify(name, ByteBuffer.wrap(head), size);
        try {
            Elf root = new Elf(bytes.root());
            return parseImage(name, bytes, root, 0);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Parses an ELF image held in {@code buffer} (position 0 to limit).
     *
     * @param name the name used in problems (a path, an archive member, "embedded ELF of x.kpatch")
     */
    public static ElfFile parse(String name, ByteBuffer buffer) {
        return parse(name, buffer, 0);
    }

    /**
     * Parses an ELF image embedded at {@code base} in a larger file (a {@code .kpatch}): problems
     * name the outer file and give offsets in it.
     */
    public static ElfFile parse(String name, ByteBuffer buffer, long base) {
        try {
            return parseImage(name, buffer, base);
        } catch (MalformedFileException e) {
            throw base == 0 ? e : new MalformedFileException(e.problem().shifted(base), e);
        }
    }

    private static ElfFile parseImage(String name, ByteBuffer buffer, long base) {
        ByteBuffer buf = buffer.slice();
        return parseImage(name, FileBytes.of(buf), identify(name, buf, buf.limit()), base);
    }

    private static ElfFile parseImage(String name, FileBytes buf, Elf root, long base) {
        long size = buf.size();
        root.header();
        Elf.Identification ident = root.ident();
        boolean is64 = root.is64();
        Elf.FileHeader fh = root.header();
        List<Problem> warnings = new ArrayList<>();

        // ---- section header table
        long shoff = fh.shoff();
        int shentsize = fh.lenSectionHeader();
        int minShdr = is64 ? SHDR64 : SHDR32;
        long sectionCount = 0;
        long shstrndx = fh.shstrndx();
        List<Elf.SectionHeader> rawSections = List.of();
        if (shoff != 0) {
            if (shentsize < minShdr) {
                throw malformed(name, is64 ? 58 : 46, "e_shentsize is " + shentsize + ", smaller than a section header ("
                        + minShdr + " bytes)");
            }
            if (Long.compareUnsigned(shoff, size) >= 0 || size - shoff < shentsize) {
                throw malformed(name, is64 ? 40 : 32, "section header table at 0x" + hex(shoff)
                        + " lies past the end of the file (" + size + " bytes)");
            }
            try {
                sectionCount = fh.numSectionHeaders();
                shstrndx = fh.shstrndxResolved();
            } catch (RuntimeException e) {
                throw malformed(name, shoff, "unreadable section header 0: " + describe(e));
            }
            long room = (size - shoff) / shentsize;
            if (Long.compareUnsigned(sectionCount, room) > 0) {
                throw malformed(name, shoff, "section header table claims " + Long.toUnsignedString(sectionCount)
                        + " entries of " + shentsize + " bytes at 0x" + hex(shoff) + " but the file holds only "
                        + room);
            }
            try {
                rawSections = fh.sectionHeaders();
            } catch (RuntimeException e) {
                throw malformed(name, shoff, "unreadable section header table: " + describe(e));
            }
        } else if (fh.shnum() != 0) {
            warnings.add(new Problem(name, is64 ? 40 : 32, "e_shnum is " + fh.shnum() + " but e_shoff is 0; no sections read"));
        }

        // the section name table must be a readable window of the file before names are read through it
        boolean namesOk = false;
        if (!rawSections.isEmpty()) {
            if (shstrndx == 0) {
                warnings.add(new Problem(name, is64 ? 62 : 50, "no section name table (e_shstrndx is 0)"));
            } else if (Long.compareUnsigned(shstrndx, rawSections.size()) >= 0) {
                warnings.add(new Problem(name, is64 ? 62 : 50, "section name table index " + Long.toUnsignedString(shstrndx)
                        + " is out of range (" + rawSections.size() + " sections)"));
            } else {
                Elf.SectionHeader strSh = rawSections.get((int) shstrndx);
                if (!inFile(strSh.offset(), strSh.size(), size)) {
                    warnings.add(new Problem(name, strSh.offset(), "section name table [" + shstrndx
                            + "] extends past the end of the file"));
                } else if (strSh.shTypeRaw() == 8) {
                    warnings.add(new Problem(name, shoff + shstrndx * shentsize, "section name table [" + shstrndx
                            + "] is SHT_NOBITS"));
                } else {
                    namesOk = true;
                }
            }
        }

        List<Section> sections = new ArrayList<>(rawSections.size());
        BitSet badData = new BitSet();
        for (int i = 0; i < rawSections.size(); i++) {
            Elf.SectionHeader sh = rawSections.get(i);
            String secName = null;
            if (namesOk && i != 0) {
                try {
                    Elf.CString cs = sh.name();
                    if (cs == null) {
                        warnings.add(new Problem(name, shoff + (long) i * shentsize, "section [" + i
                                + "]: name offset 0x" + hex(sh.nameOffset()) + " is past the end of the name table"));
                    } else {
                        secName = Names.decode(cs.value());
                    }
                } catch (RuntimeException e) {
                    warnings.add(new Problem(name, shoff + (long) i * shentsize, "section [" + i + "]: unreadable name: "
                            + describe(e)));
                }
            } else if (namesOk) {
                secName = "";
            }
            long type = sh.shTypeRaw();
            Code typeCode = new Code(type, enumName(sh.shType()));
            boolean hasData = type != 8 && type != 0;
            if (hasData && !inFile(sh.offset(), sh.size(), size)) {
                badData.set(i);
                warnings.add(new Problem(name, shoff + (long) i * shentsize, "section [" + i + "] "
                        + (secName == null ? "" : secName) + ": contents at 0x" + hex(sh.offset()) + " + 0x"
                        + hex(sh.size()) + " extend past the end of the file (" + size + " bytes)"));
            }
            Section.Compression compression = null;
            if (hasData && (sh.flags() & Section.SHF_COMPRESSED) != 0 && !badData.get(i)) {
                int hdr = is64 ? 24 : 12;
                if (Long.compareUnsigned(sh.size(), hdr) < 0) {
                    warnings.add(new Problem(name, sh.offset(), "section [" + i + "] is SHF_COMPRESSED but holds only "
                            + sh.size() + " bytes, less than its compression header"));
                } else {
                    Elf.CompressedSection c = sh.compressed();
                    compression = new Section.Compression(new Code(c.chTypeRaw(), enumName(c.chType())), c.chSize(),
                            c.chAddralign(), hdr);
                }
            }
            sections.add(new Section(i, secName, sh.nameOffset(), typeCode, sh.flags(), sh.addr(), sh.offset(),
                    sh.size(), sh.link(), sh.info(), sh.addralign(), sh.entsize(), compression));
        }

        overlaps(name, sections, badData, shoff, shentsize, warnings);

        // ---- program header table
        List<Segment> segments = new ArrayList<>();
        long phoff = fh.phoff();
        long phCount = 0;
        if (phoff != 0 && fh.phnum() != 0) {
            int phentsize = fh.lenProgramHeader();
            int minPhdr = is64 ? PHDR64 : PHDR32;
            phCount = fh.phnum() == 0xffff && !rawSections.isEmpty() ? rawSections.get(0).info() : fh.phnum();
            if (phentsize < minPhdr) {
                warnings.add(new Problem(name, is64 ? 54 : 42, "e_phentsize is " + phentsize
                        + ", smaller than a program header (" + minPhdr + " bytes); program headers not read"));
            } else if (Long.compareUnsigned(phoff, size) >= 0 || Long.compareUnsigned(phCount, (size - phoff) / phentsize) > 0) {
                warnings.add(new Problem(name, is64 ? 32 : 28, "program header table at 0x" + hex(phoff) + " with "
                        + phCount + " entries extends past the end of the file (" + size + " bytes); not read"));
            } else {
                List<Elf.ProgramHeader> raw;
                try {
                    raw = fh.programHeaders();
                } catch (RuntimeException e) {
                    throw malformed(name, phoff, "unreadable program header table: " + describe(e));
                }
                for (Elf.ProgramHeader ph : raw) {
                    segments.add(new Segment((int) ph.index(), new Code(ph.pTypeRaw(), enumName(ph.pType())),
                            ph.flags(), ph.offset(), ph.vaddr(), ph.paddr(), ph.filesz(), ph.memsz(), ph.align()));
                }
            }
        }

        ElfHeader header = new ElfHeader(
                is64 ? 64 : 32,
                root.isLe() ? Endian.LITTLE : Endian.BIG,
                ident.version(),
                new Code(ident.osAbiRaw(), enumName(ident.osAbi())),
                ident.abiVersion(),
                new Code(fh.objTypeRaw(), enumName(fh.objType())),
                new Code(fh.machineRaw(), enumName(fh.machine())),
                fh.version(),
                fh.entry(),
                fh.phoff(),
                fh.shoff(),
                fh.flags(),
                fh.ehsize(),
                fh.lenProgramHeader(),
                fh.phnum(),
                fh.lenSectionHeader(),
                fh.shnum(),
                fh.shstrndx(),
                sectionCount,
                shstrndx,
                phoff == 0 ? 0 : phCount);

        if (base != 0) {
            warnings.replaceAll(p -> p.shifted(base));
        }
        KaitaiElfBackend backend = new KaitaiElfBackend(name, base, root, buf, header, sections, rawSections,
                segments, badData, warnings);
        return new ElfFile(name, size, header, sections, segments, backend);
    }

    /** Warns about sections whose contents share bytes of the file (each pair once, in offset order). */
    private static void overlaps(String name, List<Section> sections, BitSet badData, long shoff, int shentsize,
            List<Problem> warnings) {
        List<Section> withData = new ArrayList<>();
        for (Section s : sections) {
            if (s.hasFileData() && s.size() > 0 && !badData.get(s.index())) {
                withData.add(s);
            }
        }
        withData.sort(java.util.Comparator.comparingLong(Section::offset).thenComparingInt(Section::index));
        int reported = 0;
        Section reach = null;
        for (Section s : withData) {
            if (reach != null && Long.compareUnsigned(s.offset(), reach.offset() + reach.size()) < 0) {
                if (reported++ < 16) {
                    warnings.add(new Problem(name, shoff + (long) s.index() * shentsize, "sections [" + reach.index()
                            + "] and [" + s.index() + "] overlap in the file (0x" + hex(s.offset()) + " < 0x"
                            + hex(reach.offset() + reach.size()) + ")"));
                }
            }
            if (reach == null || Long.compareUnsigned(s.offset() + s.size(), reach.offset() + reach.size()) > 0) {
                reach = s;
            }
        }
    }

    /**
     * Checks the identification and reads the file header of the ELF image starting in {@code head}
     * (at least its first 64 bytes) of a file of {@code size} bytes: magic, class, data encoding,
     * header size. Returns the root with its header read.
     */
    static Elf identify(String name, ByteBuffer head, long size) {
        if (size < 16 || head.limit() < 16) {
            throw malformed(name, 0, "file is " + size + " bytes, too short for an ELF identification (16 bytes)");
        }
        Elf root;
        try {
            root = new Elf(new ByteBufferKaitaiStream(head));
        } catch (KaitaiStream.ValidationNotEqualError e) {
            throw malformed(name, 0, "no ELF magic (7f 45 4c 46)");
        }
        Elf.Identification ident = root.ident();
        if (ident.elfClass() == null) {
            throw malformed(name, 4, "unsupported ELF class " + ident.elfClassRaw() + " (EI_CLASS must be 1 or 2)");
        }
        if (ident.data() == null) {
            throw malformed(name, 5, "unsupported ELF data encoding " + ident.dataRaw() + " (EI_DATA must be 1 or 2)");
        }
        int ehdrSize = root.is64() ? 64 : 52;
        if (size < ehdrSize || head.limit() < ehdrSize) {
            throw malformed(name, 16, "truncated ELF header: file is " + size + " bytes, the header needs " + ehdrSize);
        }
        try {
            root.header();
        } catch (RuntimeException e) {
            throw malformed(name, 16, "unreadable ELF header: " + describe(e));
        }
        return root;
    }

    /** True when [offset, offset + length) lies inside a file of {@code size} bytes (unsigned, overflow-safe). */
    static boolean inFile(long offset, long length, long size) {
        return Long.compareUnsigned(offset, size) <= 0 && Long.compareUnsigned(length, size - offset) <= 0;
    }

    static MalformedFileException malformed(String file, long offset, String reason) {
        return new MalformedFileException(new Problem(file, offset, reason));
    }

    static String hex(long v) {
        return Long.toHexString(v);
    }

    /** One line about a runtime failure inside generated code, without a stack trace. */
    static String describe(Throwable e) {
        if (e instanceof java.nio.BufferUnderflowException || e instanceof KaitaiStream.UndecidedEndiannessError) {
            return "unexpected end of data";
        }
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }

    /** The display name of a generated enum constant: {@code PROGBITS}, {@code FUNC}, {@code R_X86_64_PC32}. */
    static String enumName(Enum<?> e) {
        if (e == null) {
            return null;
        }
        String n = e.name();
        return switch (n) {
            case "NULL_SECTION", "NULL_SEGMENT", "NULL_ENTRY" -> "NULL";
            case "CLASS_32" -> "ELF32";
            case "CLASS_64" -> "ELF64";
            default -> n;
        };
    }
}
