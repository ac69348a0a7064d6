package org.kpaudit.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A sparse ELF64 shared object larger than 2 GiB: its ELF header at offset 0, and everything else
 * (.text, .symtab, .strtab, .shstrtab and the section header table) beyond {@link #FAR}, so that
 * nothing but the header can be read without reaching past 2 GiB. The file takes a few KiB of
 * disk. Layout per the ELF gABI (Elf64_Ehdr 64 bytes, Elf64_Shdr 64, Elf64_Sym 24).
 */
public final class BigElf {

    /** Where the contents start: 2.5 GiB. */
    public static final long FAR = 5L << 29;

    private BigElf() {
    }

    /** Writes the file with one function symbol per name, at 0x1000 + 0x10 * i, 16 bytes each. */
    public static Path write(Path file, List<String> functions) throws IOException {
        ByteBuffer strtab = ByteBuffer.allocate(1 + functions.stream().mapToInt(n -> n.length() + 1).sum());
        strtab.put((byte) 0);
        int[] nameAt = new int[functions.size()];
        for (int i = 0; i < functions.size(); i++) {
            nameAt[i] = strtab.position();
            strtab.put(functions.get(i).getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        ByteBuffer symtab = ByteBuffer.allocate(24 * (functions.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        symtab.position(24); // symbol 0 is all zeros
        for (int i = 0; i < functions.size(); i++) {
            symtab.putInt(nameAt[i]).put((byte) 0x12).put((byte) 0).putShort((short) 1) // GLOBAL FUNC, .text
                    .putLong(0x1000 + 0x10L * i).putLong(16);
        }
        byte[] shstr = "\0.text\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[0x10 * Math.max(1, functions.size())];
        long textOff = FAR;
        long symOff = textOff + text.length;
        long strOff = symOff + symtab.capacity();
        long shstrOff = strOff + strtab.capacity();
        long shoff = (shstrOff + shstr.length + 7) & ~7L;
        ByteBuffer sh = ByteBuffer.allocate(64 * 5).order(ByteOrder.LITTLE_ENDIAN);
        sh.position(64); // section 0
        section(sh, 1, 1, 6, 0x1000, textOff, text.length, 0, 0, 16, 0);          // .text PROGBITS AX
        section(sh, 7, 2, 0, 0, symOff, symtab.capacity(), 3, 1, 8, 24);          // .symtab, link .strtab
        section(sh, 15, 3, 0, 0, strOff, strtab.capacity(), 0, 0, 1, 0);          // .strtab
        section(sh, 23, 3, 0, 0, shstrOff, shstr.length, 0, 0, 1, 0);             // .shstrtab
        ByteBuffer eh = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        eh.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        eh.putShort((short) 3).putShort((short) 62).putInt(1).putLong(0x1000) // ET_DYN, x86_64, entry
                .putLong(0).putLong(shoff).putInt(0)                       // no program headers
                .putShort((short) 64).putShort((short) 56).putShort((short) 0)
                .putShort((short) 64).putShort((short) 5).putShort((short) 4);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
            ch.write(eh.flip(), 0);
            ch.write(ByteBuffer.wrap(text), textOff);
            ch.write(symtab.flip(), symOff);
            ch.write(strtab.flip(), strOff);
            ch.write(ByteBuffer.wrap(shstr), shstrOff);
            ch.write(sh.flip(), shoff);
        }
        return file;
    }

    private static void section(ByteBuffer b, int name, int type, long flags, long addr, long offset, long size,
            int link, int info, long align, long entsize) {
        b.putInt(name).putInt(type).putLong(flags).putLong(addr).putLong(offset).putLong(size).putInt(link)
                .putInt(info).putLong(align).putLong(entsize);
    }
}
