package org.kpaudit.cli;

import org.kpaudit.analyzer.Verdict;
import picocli.CommandLine.Option;

/** {@code --require-complete}, the same in every command that gives a verdict. */
public final class CompletenessOption {

    @Option(names = "--require-complete",
            description = "Exit 1 when the verdict is INCOMPLETE: something could not be verified (a target or a"
                    + " mapped file absent, bytes not in a core; see the unverified findings), even though nothing"
                    + " reached --fail-on.")
    boolean requireComplete;

    /**
     * The exit code of a run: 3 when an input could not be read (or there was nothing to check),
     * else 1 when a finding reaches {@code failOn} or, with {@code --require-complete}, when the
     * verdict is INCOMPLETE, else 0.
     */
    int exitCode(Verdict v, FailOn failOn, java.util.Collection<org.kpaudit.analyzer.Finding> findings) {
        if (v.toolErrors() > 0 || v.subjects() == 0) {
            return ExitCodes.UNREADABLE;
        }
        if (failOn.fails(findings)) {
            return ExitCodes.FINDINGS;
        }
        return requireComplete && v.status() != Verdict.Status.PASS ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
