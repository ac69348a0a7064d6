package org.kpaudit.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Edits a copy of a (64-bit little-endian) core dump by virtual address, for tests that turn a
 * real core into a tampered one: finds the PT_LOAD that holds an address with its own reading
 * of the program headers (gABI layout; independent of the parser under test) and overwrites
 * bytes there.
 */
public final class CoreBytes {

    private final Path file;

    private CoreBytes(Path file) {
        this.file = file;
    }

    /** Copies {@code core} to {@code to} (writable) and returns an editor of the copy. */
    public static CoreBytes copy(Path core, Path to) throws IOException {
        Files.copy(core, to, StandardCopyOption.REPLACE_EXISTING);
        to.toFile().setWritable(true);
        return new CoreBytes(to);
    }

    public Path path() {
        return file;
    }

    /** The file offset of {@code address}, from the PT_LOAD that holds it in the file. */
    public long offsetOf(long address) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] eh = new byte[64];
            f.readFully(eh);
            ByteBuffer h = ByteBuffer.wrap(eh).order(ByteOrder.LITTLE_ENDIAN);
            long phoff = h.getLong(32);
            int phentsize = h.getShort(54) & 0xffff;
            int phnum = h.getShort(56) & 0xffff;
            for (int i = 0; i < phnum; i++) {
                byte[] pb = new byte[56];
                f.seek(phoff + (long) i * phentsize);
                f.readFully(pb);
                ByteBuffer p = ByteBuffer.wrap(pb).order(ByteOrder.LITTLE_ENDIAN);
                if (p.getInt(0) != 1) {
                    continue;
                }
                long off = p.getLong(8);
                long vaddr = p.getLong(16);
                long filesz = p.getLong(32);
                if (Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, filesz) < 0) {
                    return off + (address - vaddr);
                }
            }
        }
        throw new IllegalArgumentException("0x" + Long.toHexString(address) + " is not in the core");
    }

    /** Overwrites the bytes at {@code address}. */
    public CoreBytes write(long address, byte[] bytes) throws IOException {
        long off = offsetOf(address);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(off);
            f.write(bytes);
        }
        return this;
    }

    /** Reads {@code n} bytes at {@code address}. */
    public byte[] read(long address, int n) throws IOException {
        long off = offsetOf(address);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[n];
            f.seek(off);
            f.readFully(b);
            return b;
        }
    }
}
