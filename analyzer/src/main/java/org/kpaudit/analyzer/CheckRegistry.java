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
        // scan checks (a process image: core dump or live process)
        all.add(new org.kpaudit.analyzer.scan.UnexplainedHookCheck());
        all.add(new org.kpaudit.analyzer.scan.OutOfOrderUnpatchCheck());
        all.add(new org.kpaudit.analyzer.scan.RegionBuildIdMismatchCheck());
        all.add(new org.kpaudit.analyzer.scan.OrphanRegionCheck());
        all.add(new org.kpaudit.analyzer.scan.AppliedPatchDiffersCheck());
        all.sort(Comparator.comparing(c -> c.rule().id()));
        return all;
    }

    public static List<RuleInfo> rules() {
        return all().stream().map(Check::rule).toList();
    }
}
