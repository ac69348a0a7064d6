package org.kpaudit.report;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a report tree for a terminal: nested maps as indented {@code key: value} lines, lists
 * of scalars on one line, lists of maps as aligned tables. Control characters in values are
 * shown escaped so that a hostile name cannot move the cursor or fake a line.
 */
public final class TextRenderer {

    /** The text not yet written; replaced after each chunk (one wide character would keep it UTF-16). */
    private StringBuilder sb = new StringBuilder(1 << 12);
    private final Writer out;

    private TextRenderer(Writer out) {
        this.out = out;
    }

    /** Writes the tree, in chunks: a long table is never held as text (or as cells) in memory whole. */
    public static void render(Object tree, Writer out) throws IOException {
        TextRenderer r = new TextRenderer(out);
        try {
            r.node(null, tree, 0);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        out.write(r.sb.toString());
    }

    /** Passes the text so far on once there is enough of it. */
    private void drain() {
        if (sb.length() >= 1 << 16) {
            try {
                out.write(sb.toString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sb = new StringBuilder((1 << 16) + (1 << 12));
        }
    }

    private void node(String key, Object v, int indent) {
        String pad = "  ".repeat(indent);
        if (v instanceof Map<?, ?> m) {
            if (key != null) {
                sb.append(pad).append(key).append(':');
                if (m.isEmpty()) {
                    sb.append(" -\n");
                    return;
                }
                sb.append('\n');
            }
            int inner = key == null ? indent : indent + 1;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                node(String.valueOf(e.getKey()), e.getValue(), inner);
            }
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                if (key != null) {
                    sb.append(pad).append(key).append(": -\n");
                }
                return;
            }
            if (l instanceof Rows rows) { // scalars only: always a table
                if (key != null) {
                    sb.append(pad).append(key).append(" (").append(l.size()).append("):\n");
                }
                rows(rows, key == null ? indent : indent + 1);
                return;
            }
            boolean allMaps = l.stream().allMatch(x -> x instanceof Map<?, ?>);
            boolean flat = allMaps && l.stream().allMatch(x -> ((Map<?, ?>) x).values().stream()
                    .allMatch(c -> !(c instanceof List<?> || c instanceof Map<?, ?>) || inline(c).length() <= 60));
            if (flat) {
                if (key != null) {
                    sb.append(pad).append(key).append(" (").append(l.size()).append("):\n");
                }
                table(l, key == null ? indent : indent + 1);
            } else if (allMaps) {
                if (key != null) {
                    sb.append(pad).append(key).append(" (").append(l.size()).append("):\n");
                }
                int inner = key == null ? indent : indent + 1;
                for (Object x : l) {
                    sb.append("  ".repeat(inner)).append("-\n");
                    node(null, x, inner + 1);
                    drain();
                }
            } else {
                sb.append(pad).append(key == null ? "" : key + ": ");
                List<String> parts = new ArrayList<>();
                for (Object x : l) {
                    parts.add(scalar(x));
                }
                sb.append(String.join(", ", parts)).append('\n');
            }
        } else {
            sb.append(pad);
            if (key != null) {
                sb.append(key).append(": ");
            }
            sb.append(scalar(v)).append('\n');
        }
    }

    /**
     * A {@link Rows} table as {@link #table} writes a list of maps: a first pass over the rows for
     * the columns present and their widths, a second that writes each row as it is made.
     */
    private void rows(Rows rows, int indent) {
        String pad = "  ".repeat(indent);
        int w = rows.width();
        int n = rows.size();
        Object[] cells = new Object[w];
        boolean[] present = new boolean[w];
        int[] width = new int[w];
        // columns in the order they first appear, as the table of a list of maps has them
        int[] index = new int[w];
        int cols = 0;
        for (int i = 0; i < n; i++) {
            rows.fill(i, cells);
            for (int c = 0; c < w; c++) {
                if (cells[c] != Rows.ABSENT) {
                    if (!present[c]) {
                        present[c] = true;
                        index[cols++] = c;
                    }
                    width[c] = Math.max(width[c], cells[c] == null ? 0 : scalarLength(cells[c]));
                }
            }
        }
        int[] colWidth = new int[cols];
        String[] head = new String[cols];
        for (int k = 0; k < cols; k++) {
            head[k] = rows.column(index[k]);
            colWidth[k] = Math.max(width[index[k]], head[k].length());
        }
        line(pad, head, colWidth);
        for (int i = 0; i < n; i++) {
            rows.fill(i, cells);
            int start = sb.length();
            sb.append(pad);
            for (int k = 0; k < cols; k++) {
                Object v = cells[index[k]];
                int len;
                if (v == null || v == Rows.ABSENT) {
                    len = 0;
                } else if (v instanceof Hex h) {
                    h.appendTo(sb);
                    len = h.length();
                } else if (v instanceof Integer || v instanceof Long) {
                    int at = sb.length();
                    sb.append(((Number) v).longValue());
                    len = sb.length() - at;
                } else {
                    String s = v instanceof String str && !anyEscape(str) ? str : scalar(v);
                    sb.append(s);
                    len = s.length();
                }
                if (k + 1 < cols) {
                    pad(colWidth[k] - len + 2);
                }
            }
            endLine(start);
            drain();
        }
    }

    private static boolean anyEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (needsEscape(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The length of {@link #scalar}{@code (v)}, without making the string when nothing needs escaping. */
    private static int scalarLength(Object v) {
        if (v instanceof Hex h) {
            return h.length();
        }
        if (v instanceof Integer || v instanceof Long) {
            long x = ((Number) v).longValue();
            int n = x < 0 ? 2 : 1;
            for (long y = Math.abs(x / 10); y > 0; y /= 10) {
                n++;
            }
            return n;
        }
        if (v instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                if (needsEscape(s.charAt(i))) {
                    return scalar(v).length();
                }
            }
            return s.length();
        }
        return scalar(v).length();
    }

    private void table(List<?> rows, int indent) {
        String pad = "  ".repeat(indent);
        Set<String> cols = new LinkedHashSet<>();
        for (Object r : rows) {
            for (Object k : ((Map<?, ?>) r).keySet()) {
                cols.add(String.valueOf(k));
            }
        }
        List<String> colList = new ArrayList<>(cols);
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[colList.size()];
        String[] head = colList.toArray(new String[0]);
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
        }
        for (Object r : rows) {
            Map<?, ?> m = (Map<?, ?>) r;
            String[] row = new String[colList.size()];
            for (int i = 0; i < row.length; i++) {
                Object v = m.get(colList.get(i));
                row[i] = v == null ? "" : inline(v);
                width[i] = Math.max(width[i], row[i].length());
            }
            cells.add(row);
        }
        line(pad, head, width);
        for (String[] row : cells) {
            line(pad, row, width);
            drain();
        }
    }

    private void line(String pad, String[] row, int[] width) {
        int start = sb.length();
        sb.append(pad);
        for (int i = 0; i < row.length; i++) {
            sb.append(row[i]);
            if (i + 1 < row.length) {
                pad(width[i] - row[i].length() + 2);
            }
        }
        endLine(start);
    }

    private void pad(int n) {
        for (int k = n; k > 0; k--) {
            sb.append(' ');
        }
    }

    /** Ends the line begun at {@code start}: trailing blanks dropped, a line break added. */
    private void endLine(int start) {
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    /** A nested value on one line: {@code {k: v, k: v}} or {@code [a, b]}. */
    private static String inline(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                parts.add(e.getKey() + ": " + inline(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) {
                parts.add(inline(x));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return scalar(v);
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    static String scalar(Object v) {
        if (v == null) {
            return "-";
        }
        String s = String.valueOf(v);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needsEscape(c)) {
                sb.append(c == 0 ? "\\0" : String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
