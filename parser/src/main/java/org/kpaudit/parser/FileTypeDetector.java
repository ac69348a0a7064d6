package org.kpaudit.parser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Section;

/** Tells file kinds apart by content: magic numbers first, then (for ELF) the header and .modinfo. */
public final class FileTypeDetector {

    private static final int MAX_MODINFO = 1 << 20;

    private FileTypeDetector() {
    }

    /** Bytes read to tell the kind of a file too large to map. */
    private static final int HEAD = 4096;

    public static FileKind detect(Path path) throws IOException {
        long size = java.nio.file.Files.size(path);
        if (size <= MappedInput.MAX_MAPPED) {
            return detect(MappedInput.map(path));
        }
        // too large to map whole: decide from the head (a kernel module is never this large)
        byte[] head = new byte[HEAD];
        int n;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, HEAD);
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, n).slice();
        if (startsWith(b, 0, KpatchParser.MAGIC)) {
            return FileKind.KPATCH;
        }
        if (startsWith(b, 0, new byte[] {0x7f, 'E', 'L', 'F'})) {
            FileKind k = elfKind(b);
            return k == FileKind.KERNEL_MODULE || k == FileKind.LIVEPATCH_MODULE ? FileKind.ELF_RELOCATABLE : k;
        }
        return isArchive(b) ? FileKind.ARCHIVE : FileKind.UNKNOWN;
    }

    public static FileKind detect(ByteBuffer buffer) {
        ByteBuffer b = buffer.slice();
        if (startsWith(b, 0, KpatchParser.MAGIC)) {
            return FileKind.KPATCH;
        }
        if (startsWith(b, 0, new byte[] {0x7f, 'E', 'L', 'F'})) {
            return elfKind(b);
        }
        if (isArchive(b)) {
            return FileKind.ARCHIVE;
        }
        return FileKind.UNKNOWN;
    }

    /** The kind of an ELF image; a malformed ELF still counts as ELF of the type its header gives. */
    private static FileKind elfKind(ByteBuffer b) {
        if (b.limit() < 18) {
            return FileKind.ELF_OTHER;
        }
        int data = b.get(5);
        int type = data == 2 ? ((b.get(16) & 0xff) << 8) | (b.get(17) & 0xff) : (b.get(16) & 0xff) | ((b.get(17) & 0xff) << 8);
        return switch (type) {
            case 1 -> relocatableKind(b);
            case 2 -> FileKind.ELF_EXECUTABLE;
            case 3 -> FileKind.ELF_SHARED_OBJECT;
            case 4 -> FileKind.ELF_CORE;
            default -> FileKind.ELF_OTHER;
        };
    }

    private static FileKind relocatableKind(ByteBuffer b) {
        ElfFile elf;
        try {
            elf = ElfParser.parse("<detect>", b);
        } catch (MalformedFileException e) {
            return FileKind.ELF_RELOCATABLE;
        }
        return modinfoKind(elf).orElse(FileKind.ELF_RELOCATABLE);
    }

    /** KERNEL_MODULE or LIVEPATCH_MODULE when the object has a .modinfo section. */
    public static Optional<FileKind> modinfoKind(ElfFile elf) {
        Optional<Section> mi = elf.section(".modinfo");
        if (mi.isEmpty() || !mi.get().hasFileData()) {
            return Optional.empty();
        }
        byte[] data = elf.sectionBytes(mi.get(), MAX_MODINFO);
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0) {
                if (i - start >= 9 && startsWith(ByteBuffer.wrap(data, start, i - start).slice(), 0,
                        "livepatch".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        && (i - start == 9 || data[start + 9] == '=')) {
                    return Optional.of(FileKind.LIVEPATCH_MODULE);
                }
                start = i + 1;
            }
        }
        return Optional.of(FileKind.KERNEL_MODULE);
    }

    /** Magic numbers of the containers kpaudit reads: gzip, xz, zstd, bzip2, zip, ar, cpio, tar. */
    static boolean isArchive(ByteBuffer b) {
        return startsWith(b, 0, new byte[] {0x1f, (byte) 0x8b})
                || startsWith(b, 0, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})
                || startsWith(b, 0, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})
                || startsWith(b, 0, new byte[] {'B', 'Z', 'h'})
                || startsWith(b, 0, new byte[] {'P', 'K', 3, 4})
                || startsWith(b, 0, new byte[] {'P', 'K', 5, 6})
                || startsWith(b, 0, "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || startsWith(b, 0, "07070".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || startsWith(b, 0, new byte[] {(byte) 0xc7, 0x71})
                || startsWith(b, 0, new byte[] {0x71, (byte) 0xc7})
                || startsWith(b, 257, "ustar".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    static boolean startsWith(ByteBuffer b, int at, byte[] magic) {
        if (b.limit() < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b.get(at + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
