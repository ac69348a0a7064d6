package org.kpaudit.report;

import java.math.BigInteger;

/** How numbers from files appear in reports: addresses and offsets in hex, counts and sizes unsigned. */
public final class Values {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Values() {
    }

    /** {@code 0x...}, unsigned. */
    /** Bytes as lower-case hex pairs separated by spaces ("55 48 89 e5"). */
    public static String bytes(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return sb.toString();
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** An unsigned 64-bit number as a JSON/YAML number (BigInteger above 2^63 - 1). */
    public static Object unsigned(long v) {
        return v >= 0 ? (Object) v : BigInteger.valueOf(v).add(TWO_64);
    }
}
