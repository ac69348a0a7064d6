package org.kpaudit.cli;

import java.util.Collection;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Severity;

/** The value of {@code --fail-on}, the same in every command: a severity, or none. */
public enum FailOn {
    ERROR,
    WARNING,
    NOTE,
    NONE;

    /** The lowest severity that fails, or null for NONE. */
    public Severity threshold() {
        return this == NONE ? null : Severity.valueOf(name());
    }

    /** The severity reports show as the failure threshold (error for NONE). */
    public Severity shown() {
        return this == NONE ? Severity.ERROR : threshold();
    }

    /** True when a finding reaches the threshold. */
    public boolean fails(Collection<Finding> findings) {
        Severity t = threshold();
        return t != null && findings.stream().anyMatch(f -> f.counts() && f.severity().atLeast(t));
    }
}
