package org.kpaudit.analyzer;

import java.util.Comparator;

/**
 * One result of a check: which rule, how serious, what to do about it, and where.
 *
 * @param checkId the stable id of the check that produced it (its rule in SARIF terms)
 * @param severity how serious this result is (usually the check's default severity)
 * @param message one paragraph: what is wrong and what to do
 * @param location where
 */
public record Finding(String checkId, Severity severity, String message, Location location) {

    /** Sort order of reports: file, then byte offset, then check id, then message. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.location().file())
            .thenComparingLong(f -> f.location().byteOffset())
            .thenComparing(Finding::checkId)
            .thenComparing(f -> f.location().function() == null ? "" : f.location().function())
            .thenComparing(Finding::message);
}
