package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one check run, stamping them with the check's rule id and severity. */
public final class Findings {

    private final RuleInfo rule;
    private final List<Finding> out;

    public Findings(RuleInfo rule, List<Finding> out) {
        this.rule = rule;
        this.out = out;
    }

    /** Reports a finding with the rule's default severity. */
    public void report(Location where, String message) {
        out.add(new Finding(rule.id(), rule.severity(), message, where));
    }

    /** Reports a finding with another severity (a check may soften or harden a case). */
    public void report(Severity severity, Location where, String message) {
        out.add(new Finding(rule.id(), severity, message, where));
    }

    /**
     * Reports that something could not be verified (an input absent, bytes not available): the
     * run's verdict becomes INCOMPLETE rather than PASS. The rule's default severity.
     */
    public void unverified(Location where, String message) {
        unverified(rule.severity(), where, message);
    }

    /** Reports that something could not be verified, with another severity. */
    public void unverified(Severity severity, Location where, String message) {
        out.add(new Finding(rule.id(), severity, message, where, Finding.Kind.UNVERIFIED));
    }

    public static List<Finding> newList() {
        return new ArrayList<>();
    }
}
