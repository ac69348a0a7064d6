package org.kpaudit.report;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Writes a report tree as block YAML, byte for byte as {@link TreeWriter}'s Jackson YAML
 * generator (jackson-dataformat-yaml with MINIMIZE_QUOTES, INDENT_ARRAYS_WITH_INDICATOR, no
 * document marker, no line splitting, over SnakeYAML's emitter) writes it, for the trees kpaudit
 * makes: nested maps and lists whose strings are printable ASCII. Starting Jackson's YAML
 * generator and SnakeYAML's emitter costs a short command line run tens of milliseconds; this
 * writer costs next to nothing. {@link #render} returns null for anything else (another
 * character, a list directly in a list, an empty or very long key, a floating-point number), and
 * the caller then uses the generator. A differential test compares the two on many strings.
 *
 * <p>How a string is written (the rules of those two libraries, restated):
 * <ul>
 * <li>a value is double-quoted when it is empty, a YAML 1.1 boolean or null word
 *     ({@code yes}, {@code Off}, {@code null}, {@code ~...}), or contains {@code , [ ] { }},
 *     a {@code #} at the start or after a blank, or a {@code :} at the end or before a blank;
 *     a key when it is such a word, starts like a number ({@code 0-9 + - .}) or has a control
 *     character;</li>
 * <li>otherwise it is plain if the emitter allows a plain block scalar (no leading or trailing
 *     space, no {@code 0[0-9_]+}, no leading {@code ---}/{@code ...}, no leading indicator
 *     {@code # , [ ] { } & * ! | > ' " % @ `}, no leading {@code ? : -} before a blank, no
 *     {@code :} before a blank or at the end, no {@code #} after a blank), else single-quoted;</li>
 * <li>double quotes escape {@code "} and {@code \}; single quotes double {@code '}.</li>
 * </ul>
 */
final class BlockYaml {

    /** YAML 1.1 boolean and null words that the generator quotes. */
    private static final Set<String> RESERVED = Set.of("false", "False", "FALSE", "n", "N", "no", "No", "NO",
            "null", "Null", "NULL", "on", "On", "ON", "off", "Off", "OFF", "true", "True", "TRUE", "y", "Y", "yes",
            "Yes", "YES");

    /** Keys this long or longer are not simple keys for the emitter (it writes {@code ? key}). */
    private static final int MAX_SIMPLE_KEY = 120;

    /** Written text is passed on to {@link #sink} in chunks of about this size. */
    private static final int CHUNK = 1 << 16;

    /** The text not yet passed on; replaced after each chunk (one wide character would keep it UTF-16). */
    private StringBuilder out = new StringBuilder(4096);
    /** Where finished chunks go; null to keep everything in {@link #out}. */
    private final java.io.Writer sink;
    /** A check run: tables are only checked (their cells are not written), and nothing is kept. */
    private final boolean dry;

    private BlockYaml(java.io.Writer sink, boolean dry) {
        this.sink = sink;
        this.dry = dry;
    }

    /** The YAML text of {@code tree} (a map), or null when this writer does not handle it. */
    static String render(Object tree) {
        if (!(tree instanceof Map<?, ?> m) || m.isEmpty()) {
            return null;
        }
        BlockYaml y = new BlockYaml(null, false);
        return y.map(m, 0, false) ? y.out.toString() : null;
    }

    /**
     * Writes {@code tree} to {@code w} as {@link #render} would, in chunks, so that a tree with long
     * {@link Rows} tables is written without its text ever being in memory whole; false (and nothing
     * written) when this writer does not handle the tree. A first pass only checks that it does.
     */
    static boolean write(Object tree, java.io.Writer w) throws java.io.IOException {
        if (!(tree instanceof Map<?, ?> m) || m.isEmpty()) {
            return false;
        }
        try {
            if (!new BlockYaml(null, true).map(m, 0, false)) {
                return false;
            }
            BlockYaml y = new BlockYaml(w, false);
            y.map(m, 0, false);
            w.write(y.out.toString());
            return true;
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Passes a finished chunk on (or drops it in a check run). */
    private void drain() {
        if (out.length() < CHUNK) {
            return;
        }
        if (dry) {
            out = new StringBuilder(CHUNK + 4096);
        } else if (sink != null) {
            try {
                sink.write(out.toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out = new StringBuilder(CHUNK + 4096);
        }
    }

    /** A table's rows, as {@link #list} writes a list of maps. */
    private boolean rows(Rows r, int indent) {
        int n = r.size();
        int w = r.width();
        for (int c = 0; c < w; c++) {
            String k = r.column(c);
            if (k.isEmpty() || k.length() >= MAX_SIMPLE_KEY || !printableAscii(k)) {
                return false;
            }
        }
        String[] keys = new String[w];
        for (int c = 0; c < w; c++) {
            int at = out.length();
            key(r.column(c));
            keys[c] = out.substring(at) + ": ";
            out.setLength(at);
        }
        Object[] cells = new Object[w];
        for (int i = 0; i < n; i++) {
            r.fill(i, cells);
            if (dry) {
                boolean any = false;
                for (Object v : cells) {
                    if (v == Rows.ABSENT) {
                        continue;
                    }
                    any = true;
                    if (!(v == null || v instanceof Hex || v instanceof String str && printableAscii(str) || v instanceof Boolean
                            || v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                            || v instanceof BigInteger || v instanceof Enum<?> e && printableAscii(e.name()))) {
                        return false;
                    }
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            indent(indent);
            out.append("- ");
            boolean first = true;
            for (int c = 0; c < w; c++) {
                if (cells[c] == Rows.ABSENT) {
                    continue;
                }
                if (!first) {
                    indent(indent + 2);
                }
                first = false;
                out.append(keys[c]);
                if (!scalar(cells[c])) {
                    return false;
                }
                out.append('\n');
            }
            if (first) {
                return false;
            }
            drain();
        }
        return true;
    }

    /** A map's entries at {@code indent}; the first one on the current line when {@code inline}. */
    private boolean map(Map<?, ?> m, int indent, boolean inline) {
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(first && inline)) {
                indent(indent);
            }
            first = false;
            if (!(e.getKey() instanceof String k) || !key(k)) {
                return false;
            }
            out.append(':');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> sub) {
                if (sub.isEmpty()) {
                    out.append(" {}\n");
                } else {
                    out.append('\n');
                    if (!map(sub, indent + 2, false)) {
                        return false;
                    }
                }
            } else if (v instanceof Collection<?> list) {
                if (list.isEmpty()) {
                    out.append(" []\n");
                } else {
                    out.append('\n');
                    if (!list(list, indent + 2)) {
                        return false;
                    }
                }
            } else {
                out.append(' ');
                if (!scalar(v)) {
                    return false;
                }
                out.append('\n');
            }
        }
        return true;
    }

    private boolean list(Collection<?> list, int indent) {
        if (list instanceof Rows r) {
            return rows(r, indent);
        }
        for (Object v : list) {
            indent(indent);
            out.append("- ");
            if (v instanceof Map<?, ?> m) {
                if (m.isEmpty() || !map(m, indent + 2, true)) {
                    return false;
                }
            } else if (v instanceof Collection<?>) {
                return false;
            } else {
                if (!scalar(v)) {
                    return false;
                }
                out.append('\n');
            }
            drain();
        }
        return true;
    }

    private void indent(int n) {
        for (int i = 0; i < n; i++) {
            out.append(' ');
        }
    }

    private boolean scalar(Object v) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Hex h) {
            h.appendTo(out); // 0x and hex digits: always a plain scalar
        } else if (v instanceof String s) {
            return value(s);
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof Enum<?> e) {
            return value(e.name());
        } else {
            return false;
        }
        return true;
    }

    private boolean value(String s) {
        if (!printableAscii(s)) {
            return false;
        }
        if (s.isEmpty() || reserved(s) || needsQuotesAsValue(s)) {
            doubleQuoted(s);
        } else if (plainAllowed(s)) {
            out.append(s);
        } else {
            singleQuoted(s);
        }
        return true;
    }

    private boolean key(String k) {
        if (k.isEmpty() || k.length() >= MAX_SIMPLE_KEY || !printableAscii(k)) {
            return false;
        }
        char c = k.charAt(0);
        if (reserved(k) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
            doubleQuoted(k);
        } else if (plainAllowed(k)) {
            out.append(k);
        } else {
            singleQuoted(k);
        }
        return true;
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean reserved(String s) {
        return s.charAt(0) == '~' || RESERVED.contains(s);
    }

    /** Jackson's test for values: {@code , [ ] { }}; {@code #} first or after a blank; {@code :} last or before one. */
    private static boolean needsQuotesAsValue(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            switch (s.charAt(i)) {
                case ',', '[', ']', '{', '}' -> {
                    return true;
                }
                case '#' -> {
                    if (i == 0 || s.charAt(i - 1) == ' ') {
                        return true;
                    }
                }
                case ':' -> {
                    if (i == n - 1 || s.charAt(i + 1) == ' ') {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** The emitter's test for a plain block scalar, for a non-empty printable ASCII string. */
    private static boolean plainAllowed(String s) {
        int n = s.length();
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ' || s.startsWith("---") || s.startsWith("...")
                || leadingZeroNumber(s)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean blankAfter = i == n - 1 || s.charAt(i + 1) == ' ';
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0 || (c == '?' || c == ':' || c == '-') && blankAfter) {
                    return false;
                }
            } else if (c == ':' && blankAfter || c == '#' && s.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    /** {@code 0[0-9_]+}. */
    private static boolean leadingZeroNumber(String s) {
        if (s.length() < 2 || s.charAt(0) != '0') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private void doubleQuoted(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private void singleQuoted(String s) {
        out.append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                out.append('\'');
            }
            out.append(c);
        }
        out.append('\'');
    }
}
