package org.kpaudit.report;

/**
 * A number as report trees write it in hex ({@code 0x1f}, as {@link Values#hex} does), kept as the
 * number until a writer asks: the writers of long tables put its digits straight into their
 * buffers, so a dump of a hundred thousand symbols makes no string per address. Anything else
 * sees the same text through {@link #toString()}.
 */
final class Hex implements CharSequence {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private final long value;

    private Hex(long value) {
        this.value = value;
    }

    static Hex of(long value) {
        return new Hex(value);
    }

    /** Number of hex digits of the value (at least one). */
    private int digits() {
        return value == 0 ? 1 : (67 - Long.numberOfLeadingZeros(value)) / 4;
    }

    @Override
    public int length() {
        return 2 + digits();
    }

    @Override
    public char charAt(int index) {
        if (index == 0) {
            return '0';
        }
        if (index == 1) {
            return 'x';
        }
        int shift = 4 * (digits() - 1 - (index - 2));
        return DIGITS[(int) (value >>> shift) & 0xf];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    /** Puts the text at {@code at} of {@code buf} (which has room for it); returns the end. */
    int putInto(char[] buf, int at) {
        buf[at++] = '0';
        buf[at++] = 'x';
        for (int shift = 4 * (digits() - 1); shift >= 0; shift -= 4) {
            buf[at++] = DIGITS[(int) (value >>> shift) & 0xf];
        }
        return at;
    }

    /** Appends the text. */
    void appendTo(StringBuilder sb) {
        sb.append('0').append('x');
        for (int shift = 4 * (digits() - 1); shift >= 0; shift -= 4) {
            sb.append(DIGITS[(int) (value >>> shift) & 0xf]);
        }
    }

    @Override
    public String toString() {
        return Values.hex(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hex h && h.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }
}
