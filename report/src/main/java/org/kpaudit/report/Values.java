package org.kpaudit.report;

import java.math.BigInteger;

/** How numbers from files appear in reports: addresses and offsets in hex, counts and sizes unsigned. */
public final class Values {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Values() {
    }

    /** {@code 0x...}, unsigned. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** An unsigned 64-bit number as a JSON/YAML number (BigInteger above 2^63 - 1). */
    public static Object unsigned(long v) {
        return v >= 0 ? (Object) v : BigInteger.valueOf(v).add(TWO_64);
    }
}
