package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.ChainSubject;
import org.kpaudit.analyzer.Check;

/** A check of an incremental chain: several patches for one build-id, in apply order. */
public abstract class ChainCheck extends Check<ChainSubject> {

    @Override
    protected final String subject() {
        return "chain";
    }
}
