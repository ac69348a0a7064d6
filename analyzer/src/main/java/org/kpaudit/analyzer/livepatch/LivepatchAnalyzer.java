package org.kpaudit.analyzer.livepatch;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.CheckRegistry;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.RuleInfo;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.LivepatchModule;

/**
 * Runs every registered livepatch check: the module checks on each module (with the targets),
 * the chain checks on the modules in load order. A check that crashes is reported as a tool
 * notification, not as a finding.
 */
public final class LivepatchAnalyzer {

    private LivepatchAnalyzer() {
    }

    /**
     * The result of a run.
     *
     * @param modules the modules in load order
     * @param targets the target symbol lists
     * @param chain what loading them in order does
     * @param findings every finding, sorted with {@link Finding#ORDER}
     * @param notifications tool problems (a check that crashed), one line each
     * @param rules the rules that ran
     */
    public record Report(List<LivepatchModule> modules, List<KernelSymbols> targets, LivepatchChain chain,
            List<Finding> findings, List<String> notifications, List<RuleInfo> rules) {
        public Report {
            modules = List.copyOf(modules);
            targets = List.copyOf(targets);
            findings = List.copyOf(findings);
            notifications = List.copyOf(notifications);
            rules = List.copyOf(rules);
        }
    }

    public static Report run(List<LivepatchModule> modules, List<KernelSymbols> targets) {
        LivepatchChain chain = LivepatchChain.of(modules);
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<RuleInfo> rules = new ArrayList<>();
        for (Check<?> c : CheckRegistry.all()) {
            String kind = c.rule().subject();
            if (LivepatchSubject.KIND.equals(kind)) {
                rules.add(c.rule());
                @SuppressWarnings("unchecked")
                Check<LivepatchSubject> mc = (Check<LivepatchSubject>) c;
                for (LivepatchModule m : modules) {
                    runOne(mc, new LivepatchSubject(m, targets), m.path(), findings, notes);
                }
            } else if (LivepatchChain.KIND.equals(kind)) {
                rules.add(c.rule());
                @SuppressWarnings("unchecked")
                Check<LivepatchChain> cc = (Check<LivepatchChain>) c;
                runOne(cc, chain, "the chain", findings, notes);
            }
        }
        findings.sort(Finding.ORDER);
        return new Report(modules, targets, chain, findings, notes, rules);
    }

    private static <S> void runOne(Check<S> c, S subject, String what, List<Finding> findings, List<String> notes) {
        List<Finding> mine = new ArrayList<>();
        try {
            c.check(subject, new Findings(c.rule(), mine));
            findings.addAll(mine);
        } catch (RuntimeException e) {
            notes.add("check " + c.rule().id() + " (" + c.rule().name() + ") failed on " + what + ": " + e);
        }
    }
}
