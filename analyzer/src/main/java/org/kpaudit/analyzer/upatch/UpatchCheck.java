package org.kpaudit.analyzer.upatch;

import org.kpaudit.analyzer.Check;

/** A check of one SysCare upatch object. */
public abstract class UpatchCheck extends Check<UpatchSubject> {

    @Override
    protected final String subject() {
        return "upatch";
    }
}
