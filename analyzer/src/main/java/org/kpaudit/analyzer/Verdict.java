package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The answer of a run, the same in every command and format: FAIL when a finding reaches the
 * failure threshold, else INCOMPLETE when anything could not be verified (an unverified
 * finding, a tool error, or nothing to check at all), else PASS. A run never says PASS about
 * what it did not look at.
 *
 * @param status the answer
 * @param failing findings at or above the threshold
 * @param unverified findings that say something could not be verified
 * @param toolErrors inputs that could not be read and checks that failed
 * @param subjects what was checked (patches, modules, cores ...); 0 means nothing was
 */
public record Verdict(Status status, long failing, long unverified, long toolErrors, long subjects) {

    /** The three answers. */
    public enum Status {
        PASS,
        FAIL,
        INCOMPLETE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param findings every finding of the run
     * @param threshold the lowest severity that fails, or null when nothing fails ({@code --fail-on none})
     * @param toolErrors tool errors (unreadable inputs, failed checks)
     * @param subjects how many things were checked
     */
    public static Verdict of(Collection<Finding> findings, Severity threshold, long toolErrors, long subjects) {
        long failing = threshold == null ? 0
                : findings.stream().filter(f -> f.counts() && f.severity().atLeast(threshold)).count();
        long unverified = findings.stream().filter(Finding::unverified).count();
        Status s = failing > 0 ? Status.FAIL
                : unverified > 0 || toolErrors > 0 || subjects == 0 ? Status.INCOMPLETE : Status.PASS;
        return new Verdict(s, failing, unverified, toolErrors, subjects);
    }

    public boolean incomplete() {
        return status == Status.INCOMPLETE;
    }

    /**
     * Why the run is incomplete, in words ({@code 2 unverified, 1 tool error}); empty when it is
     * complete. Given for a FAIL too, since a failing run may also have left things unverified.
     */
    public String gaps() {
        List<String> parts = new ArrayList<>();
        if (subjects == 0) {
            parts.add("nothing checked");
        }
        if (unverified > 0) {
            parts.add(unverified + " unverified");
        }
        if (toolErrors > 0) {
            parts.add(toolErrors + " tool error" + (toolErrors == 1 ? "" : "s"));
        }
        return String.join(", ", parts);
    }
}
