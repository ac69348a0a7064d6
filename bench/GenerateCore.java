import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a large, sparse, core-like ELF file for the scan benchmark (run with
 * {@code java bench/GenerateCore.java OUT SIZE_MIB [REGIONS]}; needs nothing but a JDK).
 *
 * <p>Layout: an ET_CORE header, a PT_NOTE with NT_PRPSINFO and NT_FILE, one ELF object
 * {@code /opt/bench/libbench.so} (a real ELF header with a GNU build-id note, and a text page
 * whose function entries jump to the planted patches), REGIONS applied-patch regions laid out
 * like LibcarePlus leaves them (V4 header with run-time fields, info record, saved bytes), and
 * anonymous rw- segments of 64 MiB up to SIZE_MIB whose contents are holes (read as zeros).
 * The file is written with positional writes, so it takes little disk space.
 */
public final class GenerateCore {

    static final long OBJ = 0x7f0000000000L;
    static final long REGIONS = 0x7f0000100000L;
    static final long ANON = 0x7e0000000000L;
    static final int PAGE = 4096;
    static final String BUILD_ID = "be9c4b11be9c4b11be9c4b11be9c4b11be9c4b11";

    record Load(long vaddr, int flags, long size, long offset, byte[] data) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: java bench/GenerateCore.java OUT SIZE_MIB [REGIONS]");
            System.exit(2);
        }
        String out = args[0];
        long total = Long.parseLong(args[1]) << 20;
        int regions = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        byte[] obj = objectImage(regions);
        List<Load> loads = new ArrayList<>();
        long anonCount = Math.max(0, Math.round(total / (double) (64L << 20)));
        int phnum = 1 + 1 + regions + (int) anonCount;
        long pos = align(64 + 56L * phnum + 4096, PAGE);
        byte[] notes = notes();
        long notesAt = 64 + 56L * phnum;
        loads.add(new Load(OBJ, 5, obj.length, pos, obj));
        pos += obj.length;
        for (int i = 0; i < regions; i++) {
            byte[] r = region(i);
            loads.add(new Load(REGIONS + i * 0x10000L, 5, r.length, pos, r));
            pos += r.length;
        }
        long anonSize = 64L << 20;
        for (long i = 0; i < anonCount; i++) {
            loads.add(new Load(ANON + i * (anonSize + PAGE), 6, anonSize, pos, null));
            pos += anonSize;
        }
        try (RandomAccessFile f = new RandomAccessFile(out, "rw")) {
            f.setLength(0);
            ByteBuffer h = le(64 + 56 * phnum);
            h.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
            h.putShort(16, (short) 4).putShort(18, (short) 62).putInt(20, 1).putLong(32, 64);
            h.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phnum);
            int p = 64;
            h.putInt(p, 4).putLong(p + 8, notesAt).putLong(p + 32, notes.length).putLong(p + 48, 4);
            for (Load l : loads) {
                p += 56;
                h.putInt(p, 1).putInt(p + 4, l.flags()).putLong(p + 8, l.offset()).putLong(p + 16, l.vaddr())
                        .putLong(p + 32, l.size()).putLong(p + 40, l.size()).putLong(p + 48, PAGE);
            }
            f.write(h.array());
            f.seek(notesAt);
            f.write(notes);
            for (Load l : loads) {
                if (l.data() != null) {
                    f.seek(l.offset());
                    f.write(l.data());
                }
            }
            f.setLength(pos);
        }
        System.out.printf("%s: %d MiB, %d program headers, %d patch regions%n", out, pos >> 20, phnum, regions);
    }

    /** NT_PRPSINFO and NT_FILE (one file: the object). */
    static byte[] notes() {
        ByteBuffer ps = le(136);
        ps.put(1, (byte) 'S').putInt(24, 4242);
        ps.put(40, "bench".getBytes(StandardCharsets.US_ASCII));
        ps.put(56, "/opt/bench/bench".getBytes(StandardCharsets.US_ASCII));
        byte[] path = "/opt/bench/libbench.so\0".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer fn = le(16 + 24 + path.length);
        fn.putLong(0, 1).putLong(8, PAGE).putLong(16, OBJ).putLong(24, OBJ + 2 * PAGE).putLong(32, 0);
        fn.put(40, path);
        ByteBuffer all = le(4096);
        note(all, "CORE", 3, ps.array());
        note(all, "CORE", 0x46494c45, fn.array());
        byte[] out = new byte[all.position()];
        all.flip().get(out);
        return out;
    }

    static void note(ByteBuffer b, String owner, int type, byte[] desc) {
        byte[] o = (owner + "\0").getBytes(StandardCharsets.US_ASCII);
        b.putInt(o.length).putInt(desc.length).putInt(type).put(o);
        b.position((int) align(b.position(), 4));
        b.put(desc);
        b.position((int) align(b.position(), 4));
    }

    /** Two pages: an ELF header (PT_LOAD, PT_NOTE with the build-id) and a text page of entries. */
    static byte[] objectImage(int regions) {
        ByteBuffer b = le(2 * PAGE);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 3).putShort(18, (short) 62).putInt(20, 1).putLong(32, 64);
        b.putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 2);
        b.putInt(64, 1).putInt(68, 5).putLong(72, 0).putLong(80, 0).putLong(96, 2 * PAGE).putLong(104, 2 * PAGE)
                .putLong(112, PAGE);
        int noteAt = 64 + 2 * 56;
        byte[] bid = hex(BUILD_ID);
        b.putInt(120, 4).putInt(124, 4).putLong(128, noteAt).putLong(136, noteAt).putLong(152, 16 + bid.length)
                .putLong(160, 16 + bid.length).putLong(168, 4);
        b.position(noteAt);
        note(b, "GNU", 3, bid);
        for (int i = 0; i < regions; i++) {
            long daddr = entry(i);
            long saddr = REGIONS + i * 0x10000L + 0x1100;
            long rel = saddr - daddr - 5;
            int at = (int) (daddr - OBJ);
            b.put(at, (byte) 0xe9).putInt(at + 1, (int) rel);
        }
        return b.array();
    }

    static long entry(int i) {
        return OBJ + PAGE + 0x100 + 0x40L * i;
    }

    /** One applied patch: V4 header with run-time fields, an ELF stub, a name, new code, one record, saved bytes. */
    static byte[] region(int i) {
        long base = REGIONS + i * 0x10000L;
        ByteBuffer b = le(3 * PAGE);
        b.put("KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1));
        b.put(8, ("B" + i).getBytes(StandardCharsets.US_ASCII));
        b.put(88, BUILD_ID.getBytes(StandardCharsets.US_ASCII));
        b.putLong(136, 1795418603L).putInt(152, 504).putInt(156, 504).putInt(160, 504 + 0x200);
        int elfOff = PAGE;
        int userInfo = elfOff + 0x180;
        int userUndo = 2 * PAGE;
        b.putInt(164, 0).putInt(168, elfOff).putLong(176, 3 * PAGE).putInt(184, userUndo).putInt(188, userInfo);
        b.put(elfOff, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).putShort(elfOff + 16, (short) 1)
                .putShort(elfOff + 18, (short) 62);
        b.put(elfOff + 0x40, ("fn" + i + ".kpatch\0").getBytes(StandardCharsets.US_ASCII));
        for (int k = 0; k < 32; k++) {
            b.put(elfOff + 0x100 + k, (byte) 0x90);
        }
        b.putLong(userInfo, entry(i)).putLong(userInfo + 8, base + elfOff + 0x100).putInt(userInfo + 16, 32)
                .putInt(userInfo + 20, 32).putLong(userInfo + 24, base + elfOff + 0x40);
        b.put(userUndo, new byte[] {0x55, 0x48, (byte) 0x89, (byte) 0xe5, (byte) 0x89});
        return b.array();
    }

    static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static long align(long v, long a) {
        return (v + a - 1) / a * a;
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
