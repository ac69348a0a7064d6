package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.ChainSubject;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

@Rule(id = "KC503", name = "chain-build-id", severity = Severity.ERROR,
        summary = "A patch in a chain was built against another build-id than the chain's.",
        help = "Every patch of an incremental chain must be built against the original, unpatched binary of that"
                + " build-id (kpatch-format.md 5). A patch in <bid>/<level>/kpatch.bin whose header names another"
                + " build-id was built for another binary: LibcarePlus applies it by its path anyway and then cannot"
                + " associate or unpatch it (1.6). Rebuild it against the chain's binary, or move it.")
public final class ChainBuildIdCheck extends ChainCheck {

    @Override
    public void check(ChainSubject c, Findings out) {
        for (PatchSubject p : c.members()) {
            String b = p.patch().header().buildId();
            if (b == null || !b.equalsIgnoreCase(c.buildId())) {
                out.report(p.at(p.patch().header().buildIdOffset(), p.patch().header().buildIdField()), "Patch "
                        + p.display() + " is in the chain for " + c.buildId() + " but was built against build-id " + b
                        + ". It does not describe that binary; rebuild it against the chain's original binary.");
            }
        }
    }
}
