package org.kpaudit.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out the memory of an applied LibcarePlus patch (a patch region) the way
 * {@code libcare-ctl} leaves it in a process, after kpatch-format.md section 7.2 (lcp >= 1.0,
 * V4 header): the header copy with its run-time fields, the jump table after the header when
 * there are imports, an ELF header at {@code elf_offset}, the record names, the new code, the
 * info records with absolute addresses and their 24-byte terminator, and the undo area
 * ({@code HUNK_SIZE} bytes per record: 5 on x86_64, 4 on aarch64) at a 128-byte boundary.
 * Written for tests, from the notes (not from the code under test).
 */
public final class PatchRegionWriter {

    private record Rec(String name, long daddr, long dlen, long slen, byte[] saved) {
    }

    private final long base;
    private final String id;
    private final String buildId;
    private final int machine;
    private final List<Rec> records = new ArrayList<>();
    private final List<Long> imports = new ArrayList<>();
    private long[] saddrs;
    private long userInfo;
    private long userUndo;
    private long size;
    private long elfOffset;
    private long jmpOffset;
    private boolean terminator = true;
    private int layout = 4;

    public PatchRegionWriter(long base, String id, String buildId, int machine) {
        this.base = base;
        this.id = id;
        this.buildId = buildId;
        this.machine = machine;
    }

    public int hunkSize() {
        return machine == ElfWriter.EM_AARCH64 ? 4 : 5;
    }

    /** A changed function at {@code daddr}; {@code saved} are the bytes its entry held before (the undo slot). */
    public int changed(String function, long daddr, long dlen, long slen, byte[] saved) {
        records.add(new Rec(function + ".kpatch", daddr, dlen, slen, saved));
        return records.size() - 1;
    }

    /** A new function (daddr 0, dlen 0). */
    public int added(String function, long slen) {
        records.add(new Rec(function, 0, 0, slen, new byte[hunkSize()]));
        return records.size() - 1;
    }

    /** A jump table entry to {@code address}. */
    public PatchRegionWriter importEntry(long address) {
        imports.add(address);
        return this;
    }

    /**
     * Writes the upstream LibCare layout instead (V0, kpatch-format.md 7.2): a 688-byte header
     * without id, the ELF right after it at kpatch_offset, no elf_offset / kpatch_total_mem_sz
     * (and, here, no jump table).
     */
    public PatchRegionWriter upstreamLayout() {
        layout = 0;
        return this;
    }

    /** Leaves the info list without its zero terminator (the bytes after the last record are not zero). */
    public PatchRegionWriter withoutTerminator() {
        terminator = false;
        return this;
    }

    public byte[] build() {
        int hunk = hunkSize();
        long jmpSize = imports.isEmpty() ? 0 : 16 + 16L * imports.size();
        int hs = KpatchWriter.headerSize(layout);
        jmpOffset = imports.isEmpty() ? 0 : hs;
        if (layout == 0 && !imports.isEmpty()) {
            throw new IllegalStateException("this writer puts no jump table in the upstream layout");
        }
        elfOffset = layout == 0 ? hs : roundUp(hs + jmpSize, 4096);
        long names = elfOffset + 0x40;
        long namesSize = 0;
        for (Rec r : records) {
            namesSize += r.name().length() + 1;
        }
        long code = roundUp(names + namesSize, 16);
        saddrs = new long[records.size()];
        long pos = code;
        for (int i = 0; i < records.size(); i++) {
            saddrs[i] = base + pos;
            pos += records.get(i).slen();
        }
        userInfo = roundUp(pos, 8) + 1; // unaligned, like the real .kpatch.info
        long infoEnd = userInfo + 48L * records.size() + 24;
        userUndo = roundUp(infoEnd, 128);
        size = roundUp(roundUp(userUndo + (long) hunk * records.size(), 16), 4096);
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        // header (V4)
        KpatchWriter kw = new KpatchWriter().layout(layout).id(id).buildId(buildId)
                .runtime(jmpOffset, layout == 0 ? 0 : elfOffset, layout == 0 ? 0 : size, userUndo, userInfo, 0)
                .elf(new byte[(int) (infoEnd - elfOffset)]);
        byte[] header = kw.build();
        b.put(0, header, 0, hs);
        // jump table: size, cur_entry, max_entry, pad; then {insn, addr}
        if (!imports.isEmpty()) {
            b.putInt(hs, (int) jmpSize);
            b.putInt(hs + 4, imports.size());
            b.putInt(hs + 8, imports.size());
            long insn = machine == ElfWriter.EM_AARCH64 ? 0xd61f022058000051L : 0x90900000000225ffL;
            for (int i = 0; i < imports.size(); i++) {
                b.putLong(hs + 16 + 16 * i, insn);
                b.putLong(hs + 24 + 16 * i, imports.get(i));
            }
        }
        // an ELF header at elf_offset (ET_REL, the patch's machine)
        int e = (int) elfOffset;
        b.put(e, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(e + 16, (short) 1);
        b.putShort(e + 18, (short) machine);
        b.putInt(e + 20, 1);
        // names, new code, records
        long[] nameAddr = new long[records.size()];
        long np = names;
        for (int i = 0; i < records.size(); i++) {
            byte[] nb = records.get(i).name().getBytes(StandardCharsets.US_ASCII);
            b.put((int) np, nb);
            nameAddr[i] = base + np;
            np += nb.length + 1;
        }
        for (int i = 0; i < records.size(); i++) {
            for (long k = 0; k < records.get(i).slen(); k++) {
                b.put((int) (saddrs[i] - base + k), (byte) 0xcc);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            Rec r = records.get(i);
            int at = (int) (userInfo + 48L * i);
            b.putLong(at, r.daddr());
            b.putLong(at + 8, saddrs[i]);
            b.putInt(at + 16, (int) r.dlen());
            b.putInt(at + 20, (int) r.slen());
            b.putLong(at + 24, nameAddr[i]);
        }
        if (!terminator) {
            int at = (int) (userInfo + 48L * records.size());
            for (int k = 0; k < 24; k++) {
                b.put(at + k, (byte) 0x41);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            b.put((int) (userUndo + (long) hunk * i), records.get(i).saved(), 0, hunk);
        }
        return b.array();
    }

    public long base() {
        return base;
    }

    public long size() {
        return size;
    }

    /** Where record {@code i}'s new code is (after {@link #build}). */
    public long saddr(int i) {
        return saddrs[i];
    }

    public long userInfo() {
        return userInfo;
    }

    public long userUndo() {
        return userUndo;
    }

    public long elfOffset() {
        return elfOffset;
    }

    /** {@code E9 rel32}: the x86_64 jump libcare writes at {@code from} to reach {@code to}. */
    public static byte[] jmpX86(long from, long to) {
        long rel = to - from - 5;
        return new byte[] {(byte) 0xe9, (byte) rel, (byte) (rel >> 8), (byte) (rel >> 16), (byte) (rel >> 24)};
    }

    /** {@code B imm26}: the aarch64 branch libcare writes at {@code from} to reach {@code to}. */
    public static byte[] branchAarch64(long from, long to) {
        int insn = 0x14000000 | (int) (((to - from) / 4) & 0x03ffffff);
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(insn).array();
    }

    private static long roundUp(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
