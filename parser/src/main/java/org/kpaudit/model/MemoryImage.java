package org.kpaudit.model;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The memory of a process, read by virtual address: from a core dump (its PT_LOAD segments) or
 * from a live process ({@code /proc/PID/maps} and {@code /proc/PID/mem}, read-only).
 *
 * <p>Bytes the image does not hold are never invented: {@link #read} stops at the first byte
 * it cannot give, and {@link #whyUnavailable} says why ("not in core", "not mapped", "permission
 * denied").
 */
public interface MemoryImage extends Closeable {

    /** What the image was read from. */
    enum Kind {
        /** An ELF core dump file. */
        CORE,
        /** A running process. */
        PROCESS
    }

    /** The input as the user named it: the core file's path, or {@code pid 1234}. */
    String name();

    Kind kind();

    /** e_machine of the process ({@code X86_64}, {@code AARCH64}), or null when unknown. */
    Code machine();

    /** Every mapping, sorted by start address. */
    List<Mapping> mappings();

    /** The address ranges whose bytes the image holds (sorted, not overlapping). */
    List<AddressRange> present();

    /**
     * Reads up to {@code length} bytes at {@code address} into {@code dst} and returns how many
     * were read: fewer than asked when the image stops holding bytes (0 when it holds none at
     * {@code address}).
     *
     * @throws IOException when the underlying file or process cannot be read at all
     */
    int read(long address, byte[] dst, int offset, int length) throws IOException;

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code address} into {@code dst} (advancing its
     * position) and returns how many were read; for bulk scans with a reused (direct) buffer.
     */
    default int read(long address, java.nio.ByteBuffer dst) throws IOException {
        byte[] b = new byte[dst.remaining()];
        int n = read(address, b, 0, b.length);
        dst.put(b, 0, n);
        return n;
    }

    /** Up to {@code length} bytes at {@code address}; shorter when the image holds fewer. */
    default byte[] read(long address, int length) throws IOException {
        if (length <= 0) {
            return new byte[0];
        }
        byte[] b = new byte[length];
        int n = read(address, b, 0, length);
        return n == length ? b : java.util.Arrays.copyOf(b, n);
    }

    /** Why the byte at {@code address} cannot be read (for reports), e.g. "not in core: ...". */
    String whyUnavailable(long address);

    /** Offset in the input file of the byte at {@code address}, or -1 (not in the file, or not a file). */
    long fileOffset(long address);

    /** Non-fatal problems seen while opening the image. */
    List<Problem> warnings();

    /** The mapping that contains {@code address}, or null. */
    default Mapping mappingAt(long address) {
        List<Mapping> ms = mappings();
        int lo = 0;
        int hi = ms.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Mapping m = ms.get(mid);
            if (Long.compareUnsigned(address, m.start()) < 0) {
                hi = mid - 1;
            } else if (Long.compareUnsigned(address, m.end()) >= 0) {
                lo = mid + 1;
            } else {
                return m;
            }
        }
        return null;
    }
}
