package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.hex;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kpaudit.model.AddressRange;
import org.kpaudit.model.Code;
import org.kpaudit.model.CoreDump;
import org.kpaudit.model.FileMapping;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Segment;

/**
 * The memory of a core dump, read by virtual address through positional reads of the file
 * (no mapping of the whole file: cores larger than 2 GiB are fine and memory use does not grow
 * with the file).
 *
 * <p>A PT_LOAD segment holds {@code p_filesz} bytes from {@code p_offset}; the rest of its
 * {@code p_memsz} is <em>not in core</em>. The ELF convention would read that rest as zeros,
 * but in Linux cores it is what the kernel or gcore chose not to dump (file-backed pages not
 * written to, pages filtered by {@code coredump_filter}), whose real contents are unknown, so
 * kpaudit never reports them as zeros.
 */
public final class CoreImage implements MemoryImage {

    /** The part of one PT_LOAD that the file holds. */
    private record Part(long start, long end, long fileOffset, Segment segment) {
    }

    private final CoreDump core;
    private final FileChannel channel;
    private final Part[] parts;
    private final List<AddressRange> present;
    private final List<Problem> warnings;

    CoreImage(CoreDump core, FileChannel channel) {
        this.core = core;
        this.channel = channel;
        this.warnings = new ArrayList<>(core.warnings());
        List<Part> ps = new ArrayList<>();
        for (Segment s : core.loads()) {
            long n = CoreParser.present(s, core.size());
            if (n > 0) {
                ps.add(new Part(s.vaddr(), s.vaddr() + n, s.offset(), s));
            }
        }
        ps.sort(Comparator.comparing(Part::start, Long::compareUnsigned));
        // overlapping segments: the first one (lowest address) wins, the later one is cut
        List<Part> clean = new ArrayList<>();
        for (Part p : ps) {
            if (!clean.isEmpty()) {
                Part last = clean.get(clean.size() - 1);
                if (Long.compareUnsigned(p.start(), last.end()) < 0) {
                    warnings.add(new Problem(core.path(), p.segment().offset(), "PT_LOAD[" + p.segment().index()
                            + "] overlaps PT_LOAD[" + last.segment().index() + "] at 0x" + hex(p.start())
                            + "; the overlapping bytes are read from the first"));
                    if (Long.compareUnsigned(p.end(), last.end()) <= 0) {
                        continue;
                    }
                    long cut = last.end() - p.start();
                    p = new Part(last.end(), p.end(), p.fileOffset() + cut, p.segment());
                }
            }
            clean.add(p);
        }
        this.parts = clean.toArray(new Part[0]);
        List<AddressRange> pr = new ArrayList<>();
        for (Part p : parts) {
            pr.add(new AddressRange(p.start(), p.end()));
        }
        this.present = List.copyOf(pr);
    }

    /** The facts of the core (headers, notes, mappings). */
    public CoreDump core() {
        return core;
    }

    @Override
    public String name() {
        return core.path();
    }

    @Override
    public Kind kind() {
        return Kind.CORE;
    }

    @Override
    public Code machine() {
        return core.header().machine();
    }

    @Override
    public List<Mapping> mappings() {
        return core.mappings();
    }

    @Override
    public List<AddressRange> present() {
        return present;
    }

    @Override
    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    private int partIndex(long address) {
        int lo = 0;
        int hi = parts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Part p = parts[mid];
            if (Long.compareUnsigned(address, p.start()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(address, p.end()) >= 0) {
                lo = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    @Override
    public int read(long address, byte[] dst, int offset, int length) throws IOException {
        return read(address, ByteBuffer.wrap(dst, offset, length));
    }

    @Override
    public int read(long address, ByteBuffer dst) throws IOException {
        int start = dst.position();
        long addr = address;
        while (dst.hasRemaining()) {
            int i = partIndex(addr);
            if (i < 0) {
                break;
            }
            Part p = parts[i];
            long avail = p.end() - addr;
            int want = (int) Math.min(dst.remaining(), Long.compareUnsigned(avail, Integer.MAX_VALUE) > 0
                    ? Integer.MAX_VALUE : avail);
            int limit = dst.limit();
            dst.limit(dst.position() + want);
            long pos = p.fileOffset() + (addr - p.start());
            int got = 0;
            while (dst.hasRemaining()) {
                int r = channel.read(dst, pos + got);
                if (r < 0) {
                    dst.limit(limit);
                    return dst.position() - start;
                }
                got += r;
            }
            dst.limit(limit);
            addr += want;
        }
        return dst.position() - start;
    }

    @Override
    public String whyUnavailable(long address) {
        if (partIndex(address) >= 0) {
            return "available";
        }
        for (Segment s : core.loads()) {
            if (s.containsAddress(address)) {
                long held = CoreParser.present(s, core.size());
                if (Long.compareUnsigned(s.filesz(), held) > 0 && Long.compareUnsigned(held, s.memsz()) < 0) {
                    return "not in core: PT_LOAD[" + s.index() + "] at 0x" + hex(s.vaddr()) + " is cut short by the end"
                            + " of the file (truncated core)";
                }
                return "not in core: PT_LOAD[" + s.index() + "] (0x" + hex(s.vaddr()) + "-0x" + hex(s.vaddr() + s.memsz())
                        + ") holds 0x" + hex(held) + " of its 0x" + hex(s.memsz()) + " bytes; the rest was not dumped";
            }
        }
        for (FileMapping f : core.files()) {
            if (Long.compareUnsigned(address, f.start()) >= 0 && Long.compareUnsigned(address, f.end()) < 0) {
                return "not in core: mapped from " + f.path() + " (NT_FILE) but not dumped";
            }
        }
        return "not mapped in the core";
    }

    @Override
    public long fileOffset(long address) {
        int i = partIndex(address);
        return i < 0 ? -1 : parts[i].fileOffset() + (address - parts[i].start());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
