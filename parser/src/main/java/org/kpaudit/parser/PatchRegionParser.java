package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.describe;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.kpaudit.formats.Kpatch;
import org.kpaudit.model.JumpTable;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.model.RuntimeInfoRecord;

/**
 * Reads the run-time structures of an applied patch from bytes taken out of a process image
 * (kpatch-format.md section 7.2): the jump table and the relocated info records. The header
 * itself is read with {@link KpatchParser#header}, which detects the layout in memory too.
 */
public final class PatchRegionParser {

    /** Size of the jump table header (u32 size, cur_entry, max_entry, pad). */
    public static final int JUMP_HEADER = 16;

    /** Size of one jump table entry on x86_64 and aarch64 ({u64 insn; u64 addr}). */
    public static final int JUMP_ENTRY = 16;

    private PatchRegionParser() {
    }

    /** {@code offset + delta}, or -1 when the bytes have no file offset (a live process). */
    private static long at(long offset, long delta) {
        return offset < 0 ? -1 : offset + delta;
    }

    /**
     * The jump table at the start of {@code buf}. Only the entries the buffer holds are read:
     * {@code cur_entry} beyond that is a problem (the caller bounds the buffer by the region).
     *
     * @param offset where {@code buf} starts in the input file (for problems), or -1
     */
    public static JumpTable jumpTable(String name, long offset, ByteBuffer buf) {
        ByteBuffer b = buf.slice();
        if (b.limit() < JUMP_HEADER) {
            throw new MalformedFileException(new Problem(name, offset, "jump table header needs 16 bytes, the region"
                    + " holds " + b.limit()));
        }
        Kpatch.JumpTable t;
        try {
            t = new Kpatch.JumpTable(new ByteBufferKaitaiStream(b));
        } catch (RuntimeException e) {
            throw new MalformedFileException(new Problem(name, offset, "unreadable jump table: " + describe(e)));
        }
        long room = (b.limit() - JUMP_HEADER) / JUMP_ENTRY;
        if (Long.compareUnsigned(t.curEntry(), room) > 0) {
            throw new MalformedFileException(new Problem(name, at(offset, 4), "jump table claims " + t.curEntry()
                    + " entries in use but the region has room for " + room));
        }
        List<JumpTable.Entry> entries = new ArrayList<>();
        for (Kpatch.JumpEntry e : t.entries()) {
            entries.add(new JumpTable.Entry(entries.size(), e.insn(), e.addr()));
        }
        return new JumpTable(t.size(), t.curEntry(), t.maxEntry(), entries);
    }

    /** Info records read from memory up to the terminator, and whether it was found. */
    public record InfoList(List<RuntimeInfoRecord> records, boolean terminated) {
        public InfoList {
            records = List.copyOf(records);
        }
    }

    /**
     * Reads 48-byte info records from {@code buf} until the 24-byte terminator (daddr, saddr,
     * dlen, slen all zero: is_end_info()), at most {@code max} records or as many as the buffer
     * holds.
     */
    public static InfoList infoRecords(String name, long offset, ByteBuffer buf, int max) {
        ByteBuffer b = buf.slice();
        List<RuntimeInfoRecord> out = new ArrayList<>();
        int pos = 0;
        while (out.size() < max && b.limit() - pos >= KpatchParser.INFO_TERMINATOR) {
            if (b.limit() - pos < KpatchParser.INFO_SIZE) {
                // room for a terminator only
                ByteBuffer tail = b.slice(pos, KpatchParser.INFO_TERMINATOR).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                boolean end = tail.getLong(0) == 0 && tail.getLong(8) == 0 && tail.getInt(16) == 0
                        && tail.getInt(20) == 0;
                return new InfoList(out, end);
            }
            Kpatch.InfoRecord r;
            try {
                r = new Kpatch.InfoRecord(new ByteBufferKaitaiStream(b.slice(pos, KpatchParser.INFO_SIZE)));
            } catch (RuntimeException e) {
                throw new MalformedFileException(new Problem(name, at(offset, pos), "unreadable info record: "
                        + describe(e)));
            }
            if (r.isEnd()) {
                return new InfoList(out, true);
            }
            out.add(new RuntimeInfoRecord(out.size(), r.daddr(), r.saddr(), r.dlen(), r.slen(), r.symstr(), r.vaddr(),
                    r.flags()));
            pos += KpatchParser.INFO_SIZE;
        }
        return new InfoList(out, false);
    }
}
