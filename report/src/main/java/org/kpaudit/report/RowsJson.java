package org.kpaudit.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;

/**
 * Writes the rows of a {@link Rows} table as JSON objects straight into a writer, character for
 * character as Jackson's generator with {@link TreeWriter}'s pretty printer writes them (two-space
 * indentation, {@code "key" : value}, elements separated by a comma and a line break; strings
 * escaped as Jackson does by default: quote and backslash, the short escapes b t n f r,
 * other characters below U+0020 as a six-character u00XX escape, everything else as it is). It skips
 * the generator's per-token bookkeeping, which is most of the time of a long dump.
 */
final class RowsJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final char[] buf = new char[1 << 16];
    private int pos;

    private RowsJson(Writer out) {
        this.out = out;
    }

    /**
     * Writes rows {@code from} to the end, each preceded by {@code ",\n"}: the elements that follow
     * an element the generator wrote, in an array whose elements are indented by {@code indent}.
     */
    static void rest(Rows rows, int from, int indent, Writer out) throws IOException {
        RowsJson j = new RowsJson(out);
        int w = rows.width();
        Object[] cells = new Object[w];
        char[][] keys = new char[w][];
        for (int c = 0; c < w; c++) {
            keys[c] = ("\"" + escape(rows.column(c)) + "\" : ").toCharArray();
        }
        for (int i = from, n = rows.size(); i < n; i++) {
            rows.fill(i, cells);
            j.raw(',');
            j.raw('\n');
            j.pad(indent);
            j.raw('{');
            boolean first = true;
            for (int c = 0; c < w; c++) {
                Object v = cells[c];
                if (v == Rows.ABSENT) {
                    continue;
                }
                if (!first) {
                    j.raw(',');
                }
                first = false;
                j.raw('\n');
                j.pad(indent + 2);
                j.raw(keys[c]);
                j.value(v);
            }
            // an object without fields is "{ }" for the generator
            if (first) {
                j.raw(' ');
            } else {
                j.raw('\n');
                j.pad(indent);
            }
            j.raw('}');
        }
        j.flush();
    }

    private void value(Object v) throws IOException {
        if (v == null) {
            raw("null");
        } else if (v instanceof Hex h) {
            if (pos + 20 > buf.length) {
                flush();
            }
            buf[pos++] = '"';
            pos = h.putInto(buf, pos);
            buf[pos++] = '"';
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            raw(Long.toString(((Number) v).longValue()));
        } else if (v instanceof BigInteger b) {
            raw(b.toString());
        } else if (v instanceof Boolean b) {
            raw(b ? "true" : "false");
        } else if (v instanceof Enum<?> e) {
            string(e.name());
        } else {
            throw new IllegalArgumentException("not a table cell: " + v.getClass().getName());
        }
    }

    private void string(String s) throws IOException {
        raw('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                raw(c);
                continue;
            }
            raw('\\');
            switch (c) {
                case '"', '\\' -> raw(c);
                case '\b' -> raw('b');
                case '\t' -> raw('t');
                case '\n' -> raw('n');
                case '\f' -> raw('f');
                case '\r' -> raw('r');
                default -> {
                    raw("u00");
                    raw(HEX[c >> 4]);
                    raw(HEX[c & 0xf]);
                }
            }
        }
        raw('"');
    }

    /** The string as it is written between the quotes (for the keys). */
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private void pad(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            raw(' ');
        }
    }

    private void raw(char c) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = c;
    }

    private void raw(char[] cs) throws IOException {
        if (pos + cs.length > buf.length) {
            flush();
        }
        if (cs.length > buf.length) {
            out.write(cs);
            return;
        }
        System.arraycopy(cs, 0, buf, pos, cs.length);
        pos += cs.length;
    }

    private void raw(String s) throws IOException {
        int n = s.length();
        if (pos + n > buf.length) {
            flush();
        }
        if (n > buf.length) {
            out.write(s);
            return;
        }
        s.getChars(0, n, buf, pos);
        pos += n;
    }

    private void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }
}
