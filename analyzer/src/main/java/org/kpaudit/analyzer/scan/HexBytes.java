package org.kpaudit.analyzer.scan;

import java.util.HexFormat;

/** Bytes as findings and reports show them: {@code e9 03 61 00 00}. */
public final class HexBytes {

    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private HexBytes() {
    }

    public static String spaced(byte[] b) {
        return SPACED.formatHex(b);
    }
}
