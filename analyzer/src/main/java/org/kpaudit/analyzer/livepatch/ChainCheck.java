package org.kpaudit.analyzer.livepatch;

import java.util.List;
import org.kpaudit.analyzer.Check;
import org.kpaudit.model.LivepatchModule;

/** Base of the checks that look at a chain of livepatch modules in load order (rule ids KL2xx). */
public abstract class ChainCheck extends Check<LivepatchChain> {

    @Override
    protected final String subject() {
        return LivepatchChain.KIND;
    }

    static String names(List<LivepatchModule> modules) {
        return String.join(", ", modules.stream().map(LivepatchModule::displayName).toList());
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
