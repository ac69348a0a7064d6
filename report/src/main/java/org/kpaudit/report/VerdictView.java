package org.kpaudit.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kpaudit.analyzer.Verdict;

/** How every report states its verdict: the same keys in YAML, JSON and text, the same line on a terminal. */
public final class VerdictView {

    private VerdictView() {
    }

    /** Adds {@code verdict}, {@code unverified}, {@code tool_errors} and (when incomplete) {@code incomplete_because} to a summary. */
    public static Map<String, Object> put(Map<String, Object> summary, Verdict v) {
        summary.put("unverified", v.unverified());
        summary.put("tool_errors", v.toolErrors());
        summary.put("verdict", v.status().name());
        if (!v.gaps().isEmpty()) {
            summary.put("incomplete_because", v.gaps());
        }
        return summary;
    }

    /** The verdict as a map of its own (for reports that have no summary yet). */
    public static Map<String, Object> tree(Verdict v) {
        return put(new LinkedHashMap<>(), v);
    }

    /**
     * The verdict in words: {@code PASS}, {@code FAIL}, {@code INCOMPLETE: 2 unverified}; a FAIL that
     * also left things unverified says so: {@code FAIL, 2 unverified}.
     */
    public static String line(Verdict v) {
        String gaps = v.gaps();
        return switch (v.status()) {
            case PASS -> "PASS";
            case FAIL -> gaps.isEmpty() ? "FAIL" : "FAIL, " + gaps;
            case INCOMPLETE -> "INCOMPLETE: " + gaps;
        };
    }
}
