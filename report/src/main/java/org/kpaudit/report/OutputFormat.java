package org.kpaudit.report;

import java.util.Locale;

/** The output formats of the command line; every command accepts the subset that fits it. */
public enum OutputFormat {
    YAML,
    JSON,
    TEXT,
    SARIF,
    JUNIT,
    HTML;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
