package org.kpaudit.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@code .kpatch} files for tests in any header layout V0 to V4, with fields that can be
 * made to lie. Offsets come from kpatch-format.md section 1 (not from the parser).
 */
public final class KpatchWriter {

    /** Header sizes by layout: V0 688, V1 696, V2 504, V3 496, V4 504. */
    public static int headerSize(int layout) {
        return switch (layout) {
            case 0 -> 688;
            case 1 -> 696;
            case 2 -> 504;
            case 3 -> 496;
            case 4 -> 504;
            default -> throw new IllegalArgumentException("layout " + layout);
        };
    }

    private int layout = 4;
    private String id = "T0001";
    private String buildId = "0123456789abcdef0123456789abcdef01234567";
    private long buildTime = 1795418603L;
    private byte[] elf = new byte[0];
    private Long totalSize;
    private Long kpatchOffset;
    private Long relOffset;
    private long userUndo;
    private long userInfo;
    private long userLevel;
    private long jmpOffset;
    private long elfOffset;
    private long totalMem;

    public KpatchWriter layout(int v) {
        layout = v;
        return this;
    }

    public KpatchWriter id(String v) {
        id = v;
        return this;
    }

    public KpatchWriter buildId(String v) {
        buildId = v;
        return this;
    }

    public KpatchWriter buildTime(long v) {
        buildTime = v;
        return this;
    }

    public KpatchWriter elf(byte[] v) {
        elf = v.clone();
        return this;
    }

    /** Writes this total_size instead of the real one. */
    public KpatchWriter totalSize(long v) {
        totalSize = v;
        return this;
    }

    /** Writes this kpatch_offset instead of sizeof(header). */
    public KpatchWriter kpatchOffset(long v) {
        kpatchOffset = v;
        return this;
    }

    /** Writes this rel_offset instead of sizeof(header). */
    public KpatchWriter relOffset(long v) {
        relOffset = v;
        return this;
    }

    public KpatchWriter runtime(long jmp, long elfOff, long mem, long undo, long info, long level) {
        jmpOffset = jmp;
        elfOffset = elfOff;
        totalMem = mem;
        userUndo = undo;
        userInfo = info;
        userLevel = level;
        return this;
    }

    public byte[] build() {
        int hs = headerSize(layout);
        int padded = (elf.length + 15) & ~15;
        ByteBuffer b = ByteBuffer.allocate(hs + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put("KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1));
        long kOff = kpatchOffset != null ? kpatchOffset : hs;
        long rOff = relOffset != null ? relOffset : hs;
        long total = totalSize != null ? totalSize : hs + padded;
        byte[] idb = id.getBytes(StandardCharsets.US_ASCII);
        byte[] bid = buildId.getBytes(StandardCharsets.US_ASCII);
        switch (layout) {
            case 4, 3, 2 -> {
                b.position(8);
                b.put(idb, 0, Math.min(7, idb.length));
                b.position(88);
                b.put(bid, 0, Math.min(40, bid.length));
                int t = layout == 2 ? 152 : 136;
                b.putLong(t, buildTime);
                b.putInt(t + 8, 0);
                b.putInt(t + 12, 0);
                b.putInt(t + 16, (int) kOff);
                b.putInt(t + 20, (int) rOff);
                b.putInt(t + 24, (int) total);
                b.putInt(t + 28, (int) jmpOffset);
                int union;
                if (layout == 2) {
                    union = 184;
                } else {
                    b.putInt(168, (int) elfOffset);
                    if (layout == 4) {
                        b.putLong(176, totalMem);
                        union = 184;
                    } else {
                        union = 176;
                    }
                }
                b.putInt(union, (int) userUndo);
                b.putInt(union + 4, (int) userInfo);
                b.putInt(union + 8, (int) userLevel);
            }
            case 1, 0 -> {
                int shift = layout == 1 ? 8 : 0;
                if (layout == 1) {
                    b.position(8);
                    b.put(idb, 0, Math.min(7, idb.length));
                }
                b.position(80 + shift);
                b.put(bid);
                b.putLong(336 + shift, buildTime);
                b.putInt(352 + shift, (int) kOff);
                b.putInt(356 + shift, (int) rOff);
                b.putInt(360 + shift, (int) total);
                b.putInt(364 + shift, (int) jmpOffset);
                b.putInt(368 + shift, (int) userUndo);
                b.putInt(372 + shift, (int) userInfo);
                b.putInt(376 + shift, (int) userLevel);
            }
            default -> throw new IllegalArgumentException("layout " + layout);
        }
        b.position(hs);
        b.put(elf);
        return b.array();
    }
}
