package org.kpaudit.analyzer;

import java.util.Comparator;

/**
 * One result of a check: which rule, how serious, what to do about it, and where.
 *
 * @param checkId the stable id of the check that produced it (its rule in SARIF terms)
 * @param severity how serious this result is (usually the check's default severity)
 * @param message one paragraph: what is wrong and what to do
 * @param location where
 * @param kind whether the check found a defect or could not tell (see {@link Kind})
 * @param baseline against a baseline: {@code new}, {@code unchanged}, or {@code absent} for a baseline entry
 *     no longer found (SARIF baselineState); null without a baseline
 * @param suppressed the reason of the policy's suppression that accepts it, or null
 */
public record Finding(String checkId, Severity severity, String message, Location location, Kind kind,
        String baseline, String suppressed) {

    /**
     * What a finding says. SARIF 2.1.0 section 3.27.9 {@code result.kind}: {@code fail} when the
     * rule was not met, {@code open} when "the tool was unable to determine whether the rule was
     * met" - which is what kpaudit reports when an input it needs is absent.
     */
    public enum Kind {
        /** Something is wrong. */
        FAIL,
        /** Something could not be verified (a file absent, a page not in the core, a limit reached). */
        UNVERIFIED;

        public String sarifKind() {
            return this == FAIL ? "fail" : "open";
        }
    }

    /** Sort order of reports: file, defects before unverified, then byte offset, check id, message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().file())
            .thenComparing(Finding::kind) // a file's defects before what could not be verified in it
            .thenComparingLong(f -> f.location().byteOffset())
            .thenComparing(Finding::checkId)
            .thenComparing(f -> f.location().function() == null ? "" : f.location().function())
            .thenComparing(Finding::message);

    public Finding {
        kind = kind == null ? Kind.FAIL : kind;
    }

    public Finding(String checkId, Severity severity, String message, Location location, Kind kind) {
        this(checkId, severity, message, location, kind, null, null);
    }

    /** This finding as compared with a baseline. */
    public Finding withBaseline(String state) {
        return new Finding(checkId, severity, message, location, kind, state, suppressed);
    }

    /** This finding accepted by a suppression. */
    public Finding withSuppression(String reason) {
        return new Finding(checkId, severity, message, location, kind, baseline, reason);
    }

    /**
     * True when the finding counts for {@code --fail-on} and the verdict: not suppressed, and not
     * already in the baseline.
     */
    public boolean counts() {
        return suppressed == null && !"unchanged".equals(baseline) && !"absent".equals(baseline);
    }

    /**
     * A key that stays the same from one run to the next while the finding does: the check, the
     * file's name (not its folder), the patch and the logical location (section, symbol, function,
     * object), never byte offsets or addresses, which move when anything else changes.
     */
    public String fingerprint() {
        String file = location.file() == null ? "" : location.file().substring(location.file().lastIndexOf('/') + 1);
        return fingerprint(file);
    }

    /** {@link #fingerprint()} with {@code file} in place of the file's name ("" to match across folders). */
    public String fingerprint(String file) {
        return String.join("|", checkId, file, n(location.patch()), n(location.section()), n(location.symbol()),
                n(location.function()), n(location.object()));
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    /** A finding about a defect ({@link Kind#FAIL}). */
    public Finding(String checkId, Severity severity, String message, Location location) {
        this(checkId, severity, message, location, Kind.FAIL);
    }

    /** True when the finding says that something could not be verified. */
    public boolean unverified() {
        return kind == Kind.UNVERIFIED;
    }
}
