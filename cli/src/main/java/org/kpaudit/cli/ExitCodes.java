package org.kpaudit.cli;

/** The exit codes every kpaudit command uses. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int UNREADABLE = 3;

    private ExitCodes() {
    }
}
