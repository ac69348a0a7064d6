package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.PatchSubject;

/** A check of one patch (with its target and the policy when there are). */
public abstract class PatchCheck extends Check<PatchSubject> {

    @Override
    protected final String subject() {
        return "patch";
    }
}
