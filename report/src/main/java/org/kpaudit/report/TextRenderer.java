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

    private TextRenderer() {
    }

    public static void render(Object tree, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        node(sb, null, tree, 0);
        out.write(sb.toString());
    }

    private static void node(StringBuilder sb, String key, Object v, int indent) {
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
                node(sb, String.valueOf(e.getKey()), e.getValue(), inner);
            }
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                if (key != null) {
                    sb.append(pad).append(key).append(": -\n");
                }
                return;
            }
            boolean allMaps = l.stream().allMatch(x -> x instanceof Map<?, ?>);
            boolean flat = allMaps && l.stream().allMatch(x -> ((Map<?, ?>) x).values().stream()
                    .allMatch(c -> !(c instanceof List<?> || c instanceof Map<?, ?>) || inline(c).length() <= 60));
            if (flat) {
                if (key != null) {
                    sb.append(pad).append(key).append(" (").append(l.size()).append("):\n");
                }
                table(sb, l, key == null ? indent : indent + 1);
            } else if (allMaps) {
                if (key != null) {
                    sb.append(pad).append(key).append(" (").append(l.size()).append("):\n");
                }
                int inner = key == null ? indent : indent + 1;
                for (Object x : l) {
                    sb.append("  ".repeat(inner)).append("-\n");
                    node(sb, null, x, inner + 1);
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

    private static void table(StringBuilder sb, List<?> rows, int indent) {
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
        line(sb, pad, head, width);
        for (String[] row : cells) {
            line(sb, pad, row, width);
        }
    }

    private static void line(StringBuilder sb, String pad, String[] row, int[] width) {
        StringBuilder l = new StringBuilder(pad);
        for (int i = 0; i < row.length; i++) {
            l.append(row[i]);
            if (i + 1 < row.length) {
                l.append(" ".repeat(width[i] - row[i].length() + 2));
            }
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        sb.append(l, 0, end).append('\n');
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

    static String scalar(Object v) {
        if (v == null) {
            return "-";
        }
        String s = String.valueOf(v);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                sb.append(c == 0 ? "\\0" : String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
