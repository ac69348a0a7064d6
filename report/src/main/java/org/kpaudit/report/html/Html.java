package org.kpaudit.report.html;

/**
 * A minimal HTML writer: every text and attribute value goes through {@link #escape}, so names
 * read from untrusted files (symbols, sections, paths, ids) always render as text.
 */
public final class Html {

    private final StringBuilder sb = new StringBuilder(1 << 16);

    /** Opens {@code tag} with attribute name/value pairs (values escaped; null values left out). */
    public Html open(String tag, String... attrs) {
        sb.append('<').append(tag);
        attrs(attrs);
        sb.append('>');
        return this;
    }

    /** A void element ({@code <br>}, {@code <input>}, {@code <meta>}). */
    public Html empty(String tag, String... attrs) {
        return open(tag, attrs);
    }

    public Html close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag attrs>text</tag>}. */
    public Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    public Html text(String s) {
        sb.append(escape(s));
        return this;
    }

    /** Markup written by kpaudit itself (constant CSS, scripts, SVG built with {@link #escape}). */
    public Html raw(String trusted) {
        sb.append(trusted);
        return this;
    }

    public Html nl() {
        sb.append('\n');
        return this;
    }

    private void attrs(String... attrs) {
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] == null) {
                continue;
            }
            sb.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
        }
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    /**
     * Escapes text for HTML text and attribute values: the five markup characters become
     * entities; control characters, lone surrogates, bidirectional overrides and line/paragraph
     * separators become visible {@code \}{@code uXXXX} text (so a hostile name can neither break
     * the markup nor hide or reorder what the reader sees).
     */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(i + 1));
                        i++;
                    } else if (visibleEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean visibleEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || c == '\ufeff';
    }
}
