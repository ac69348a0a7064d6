package org.kpaudit.analyzer;

/** How serious a finding is, from most to least severe. Maps to SARIF levels error / warning / note. */
public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    /** True when this severity is at least as serious as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    public String sarifLevel() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
