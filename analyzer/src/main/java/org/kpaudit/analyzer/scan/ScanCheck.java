package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.Location;

/** Base of the checks over a scanned process image (rule ids SC1xx, subject {@code scan}). */
public abstract class ScanCheck extends Check<ScanResult> {

    public static final String SUBJECT = "scan";

    @Override
    protected final String subject() {
        return SUBJECT;
    }

    /** A location in the scanned input: the bytes at {@code fileOffset} (-1 for a live process). */
    protected static Location at(ScanResult s, long fileOffset, long length) {
        return Location.ofFile(s.input()).withBytes(fileOffset, fileOffset < 0 ? 0 : length);
    }

    protected static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Bytes as {@code e9 03 61 00 00}, or {@code (unreadable)} when there are none. */
    protected static String bytes(byte[] b) {
        return b.length == 0 ? "(unreadable)" : HexBytes.spaced(b);
    }

    /** The first {@code n} bytes. */
    protected static byte[] head(byte[] b, int n) {
        return b.length <= n ? b : java.util.Arrays.copyOf(b, n);
    }
}
