package org.kpaudit.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A small patched process for synthetic cores: one ELF object {@code /opt/demo/libdemo.so}
 * mapped at {@link #BASE} (its first page is a real ELF header with a GNU build-id note, its
 * second page holds function entries), plus patch regions placed after it, written into an
 * ET_CORE with {@link CoreWriter}.
 */
public final class SyntheticProcess {

    public static final long BASE = 0x7f1000000000L;
    public static final String PATH = "/opt/demo/libdemo.so";
    public static final String BUILD_ID = "00112233445566778899aabbccddeeff00112233";
    /** A function entry in the object's text page. */
    public static final long FUNC = BASE + 0x1100;
    public static final long FUNC2 = BASE + 0x1200;
    /** What the functions' entries hold before any patch (push rbp; mov rbp,rsp; mov ...). */
    public static final byte[] ORIGINAL = {0x55, 0x48, (byte) 0x89, (byte) 0xe5, (byte) 0x89, 0x7d, (byte) 0xfc,
        (byte) 0x90};

    private final byte[] image;
    private final byte[] file;
    private final CoreWriter core;

    public SyntheticProcess() {
        this(BUILD_ID, ElfWriter.EM_X86_64);
    }

    public SyntheticProcess(String buildId, int machine) {
        core = new CoreWriter(machine);
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, machine);
        byte[] note = w.noteBytes("GNU", 3, HexFormat.of().parseHex(buildId));
        long noteAt = 64 + 56 * 2;
        w.phdr(new ElfWriter.Phdr(1, 5, 0, 0, 0x2000, 0x2000, 0x1000));
        w.phdr(new ElfWriter.Phdr(4, 4, noteAt, noteAt, note.length, note.length, 4));
        w.section(".note.gnu.build-id", ElfWriter.SHT_NOTE, 2, noteAt, note);
        byte[] head = w.build();
        image = new byte[0x2000];
        System.arraycopy(head, 0, image, 0, head.length);
        entry(FUNC, ORIGINAL);
        entry(FUNC2, ORIGINAL);
        file = image.clone();
        core.prpsinfo("demo", "/opt/demo/demo", 4242, 1000)
                .prstatus(4242, 0, new long[machine == ElfWriter.EM_AARCH64 ? 34 : 27]);
    }

    /** Writes bytes at an address of the object's two pages. */
    public SyntheticProcess entry(long address, byte[] bytes) {
        System.arraycopy(bytes, 0, image, (int) (address - BASE), bytes.length);
        return this;
    }

    /** Adds a patch region (as laid out by the writer) as an r-x PT_LOAD. */
    public SyntheticProcess region(PatchRegionWriter r, byte[] bytes) {
        core.load(r.base(), "r-x", bytes);
        return this;
    }

    /** Adds an anonymous mapping. */
    public SyntheticProcess anonymous(long address, String perms, byte[] bytes) {
        core.load(address, perms, bytes);
        return this;
    }

    public CoreWriter core() {
        return core;
    }

    /**
     * Writes the object's file as it was before any {@link #entry} change (both functions start
     * with {@link #ORIGINAL}) to its path under {@code sysroot}, as {@code --sysroot} would find it.
     */
    public Path writeFile(Path sysroot) throws IOException {
        Path f = sysroot.resolve(PATH.substring(1));
        Files.createDirectories(f.getParent());
        Files.write(f, file);
        return f;
    }

    /** Writes the core file. */
    public Path write(Path file) throws IOException {
        core.load(BASE, "r-x", image).file(BASE, BASE + 0x2000, 0, PATH);
        Files.write(file, core.build());
        return file;
    }
}
