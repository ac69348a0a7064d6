package org.kpaudit.cli;

import org.kpaudit.model.Problem;

/** One line per problem on stderr: {@code kpaudit: error: FILE: offset 0xNN: reason}. */
public final class ProblemFormat {

    private ProblemFormat() {
    }

    public static String line(Problem p) {
        return line("error", p);
    }

    /** One line of the given level ({@code error}, {@code warning}) for a problem. */
    public static String line(String level, Problem p) {
        StringBuilder sb = new StringBuilder("kpaudit: ").append("warning".equals(level) ? "warning" : "error")
                .append(": ");
        sb.append(clean(p.file())).append(": ");
        if (p.offset() >= 0) {
            sb.append("offset 0x").append(Long.toHexString(p.offset())).append(": ");
        }
        sb.append(clean(p.reason()));
        return sb.toString();
    }

    /** Keeps a message on one line and free of terminal control characters. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return sb.toString();
    }
}
