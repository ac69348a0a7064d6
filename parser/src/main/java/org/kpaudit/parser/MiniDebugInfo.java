package org.kpaudit.parser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Section;
import org.tukaani.xz.XZInputStream;

/**
 * MiniDebugInfo: the {@code .gnu_debugdata} section some distributions add to stripped
 * binaries, an xz-compressed ELF holding a reduced {@code .symtab} (GDB manual, "MiniDebugInfo").
 * Decompressed in memory with an output-size cap.
 */
public final class MiniDebugInfo {

    /** Largest compressed section read. */
    public static final int MAX_COMPRESSED = 64 << 20;

    /** Largest decompressed ELF accepted. */
    public static final long MAX_DECOMPRESSED = 256L << 20;

    private MiniDebugInfo() {
    }

    /**
     * The embedded ELF of {@code elf}'s {@code .gnu_debugdata}, or empty when it has none.
     *
     * @throws MalformedFileException when the section is present but cannot be decompressed or
     *     parsed, or decompresses to more than {@code maxOut} bytes
     */
    public static Optional<ElfFile> read(ElfFile elf, long maxOut) {
        Optional<Section> sec = elf.section(".gnu_debugdata").filter(Section::hasFileData);
        if (sec.isEmpty()) {
            return Optional.empty();
        }
        Section s = sec.get();
        String name = elf.path() + "!.gnu_debugdata";
        if (Long.compareUnsigned(s.size(), MAX_COMPRESSED) > 0) {
            throw new MalformedFileException(new Problem(elf.path(), s.offset(), ".gnu_debugdata is " + s.size()
                    + " bytes, more than the " + MAX_COMPRESSED + " kpaudit reads"));
        }
        byte[] packed = elf.sectionBytes(s, MAX_COMPRESSED);
        byte[] plain;
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(packed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            long n = 0;
            int r;
            while ((r = in.read(chunk)) > 0) {
                n += r;
                if (n > maxOut) {
                    throw new MalformedFileException(new Problem(elf.path(), s.offset(), ".gnu_debugdata decompresses"
                            + " to more than " + maxOut + " bytes; not read"));
                }
                out.write(chunk, 0, r);
            }
            plain = out.toByteArray();
        } catch (IOException e) {
            throw new MalformedFileException(new Problem(elf.path(), s.offset(), ".gnu_debugdata is not valid xz data: "
                    + ElfParser.describe(e)));
        }
        return Optional.of(ElfParser.parse(name, ByteBuffer.wrap(plain)));
    }
}
