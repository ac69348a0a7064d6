package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every check kpaudit has, listed explicitly (no classpath scanning): adding a check means
 * adding its class here, a test class for it, and nothing else.
 */
public final class CheckRegistry {

    private CheckRegistry() {
    }

    /** All checks, sorted by rule id. */
    public static List<Check<?>> all() {
        List<Check<?>> all = new ArrayList<>();
        // kpatch checks (one patch, optionally with its target) are added here
        // kpatch chain checks are added here
        // livepatch module checks (KL1xx)
        all.add(new org.kpaudit.analyzer.livepatch.KlpRelaSectionNameCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpRelaSectionFlagsCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpRelaTargetCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpObjectNameCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpRelaObjectCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpSymbolNameCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpSymbolSectionCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpVmlinuxSymbolCheck());
        all.add(new org.kpaudit.analyzer.livepatch.UnexportedSymbolCheck());
        all.add(new org.kpaudit.analyzer.livepatch.FtraceEntryCheck());
        all.add(new org.kpaudit.analyzer.livepatch.OldFunctionCheck());
        all.add(new org.kpaudit.analyzer.livepatch.KlpStructCheck());
        all.add(new org.kpaudit.analyzer.livepatch.DuplicateFunctionCheck());
        all.add(new org.kpaudit.analyzer.livepatch.NotMarkedLivepatchCheck());
        all.add(new org.kpaudit.analyzer.livepatch.ModversionCheck());
        // livepatch chain checks (KL2xx)
        all.add(new org.kpaudit.analyzer.livepatch.ReplaceRevertsCheck());
        all.add(new org.kpaudit.analyzer.livepatch.StackingConflictCheck());
        all.add(new org.kpaudit.analyzer.livepatch.SymposMismatchCheck());
        all.add(new org.kpaudit.analyzer.livepatch.StateCompatibilityCheck());
        all.add(new org.kpaudit.analyzer.livepatch.ReplacedCallbacksCheck());
        all.add(new org.kpaudit.analyzer.livepatch.ReplaceUnknownCheck());
        all.add(new org.kpaudit.analyzer.livepatch.VermagicMismatchCheck());
        all.sort(Comparator.comparing(c -> c.rule().id()));
        return all;
    }

    public static List<RuleInfo> rules() {
        return all().stream().map(Check::rule).toList();
    }
}
