package org.kpaudit.report.html;

import java.util.List;

/**
 * A chain of patches drawn as an inline SVG grid: patches in load order as columns, functions
 * as rows, a cell where a patch touches a function, and the patch that wins (is in effect) for
 * each function filled in. Built on the server; every label is escaped.
 *
 * @param patches column labels, oldest first
 * @param functions row labels
 * @param touches touches[f][p]: patch p changes function f
 * @param winner winner[f]: the column whose code runs for function f, or -1 (reverted / none)
 */
public record ChainDiagram(List<String> patches, List<String> functions, boolean[][] touches, int[] winner) {

    private static final int LABEL_W = 260;
    private static final int COL_W = 140;
    private static final int ROW_H = 26;
    private static final int HEAD_H = 40;

    public ChainDiagram {
        patches = List.copyOf(patches);
        functions = List.copyOf(functions);
    }

    /** The SVG element (no XML prolog), sized to its content. */
    public String svg() {
        int w = LABEL_W + COL_W * Math.max(1, patches.size()) + 10;
        int h = HEAD_H + ROW_H * Math.max(1, functions.size()) + 10;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chain\" role=\"img\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\"><title>patches in load order (columns) and the functions they change (rows);"
                        + " a filled cell is the code that runs</title>");
        for (int p = 0; p < patches.size(); p++) {
            int x = LABEL_W + p * COL_W;
            sb.append("<text x=\"").append(x + COL_W / 2).append("\" y=\"18\" text-anchor=\"middle\" class=\"ph\">")
                    .append(Html.escape(clip(patches.get(p), 18))).append("</text>");
            sb.append("<text x=\"").append(x + COL_W / 2).append("\" y=\"33\" text-anchor=\"middle\" class=\"pn\">")
                    .append(p + 1).append(p + 1 < patches.size() ? " \u2192" : "").append("</text>");
        }
        for (int f = 0; f < functions.size(); f++) {
            int y = HEAD_H + f * ROW_H;
            sb.append("<text x=\"4\" y=\"").append(y + 17).append("\" class=\"fn\">")
                    .append(Html.escape(clip(functions.get(f), 36))).append("</text>");
            int first = -1;
            int last = -1;
            for (int p = 0; p < patches.size(); p++) {
                if (touches[f][p]) {
                    first = first < 0 ? p : first;
                    last = p;
                }
            }
            if (first >= 0 && last > first) {
                sb.append("<line x1=\"").append(LABEL_W + first * COL_W + COL_W / 2).append("\" y1=\"").append(y + 13)
                        .append("\" x2=\"").append(LABEL_W + last * COL_W + COL_W / 2).append("\" y2=\"").append(y + 13)
                        .append("\" class=\"stack\"/>");
            }
            for (int p = 0; p < patches.size(); p++) {
                if (!touches[f][p]) {
                    continue;
                }
                boolean wins = winner[f] == p;
                sb.append("<rect x=\"").append(LABEL_W + p * COL_W + 20).append("\" y=\"").append(y + 4)
                        .append("\" width=\"").append(COL_W - 40).append("\" height=\"").append(ROW_H - 8)
                        .append("\" rx=\"4\" class=\"").append(wins ? "win" : "hid").append("\"><title>")
                        .append(Html.escape(patches.get(p) + " changes " + functions.get(f)
                                + (wins ? " (in effect)" : " (stacked under a newer patch or reverted)")))
                        .append("</title></rect>");
            }
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "?";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
