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
        // kpatch checks (one patch, optionally with its target)
        all.add(new org.kpaudit.analyzer.checks.BuildIdFormatCheck());
        all.add(new org.kpaudit.analyzer.checks.BuildIdMismatchCheck());
        all.add(new org.kpaudit.analyzer.checks.FileNameBuildIdCheck());
        all.add(new org.kpaudit.analyzer.checks.PatchIdCheck());
        all.add(new org.kpaudit.analyzer.checks.TargetNotFoundCheck());
        all.add(new org.kpaudit.analyzer.checks.ElfKindCheck());
        all.add(new org.kpaudit.analyzer.checks.LayoutCheck());
        all.add(new org.kpaudit.analyzer.checks.InfoTableCheck());
        all.add(new org.kpaudit.analyzer.checks.UnsupportedRelocationCheck());
        all.add(new org.kpaudit.analyzer.checks.RelocationBoundsCheck());
        all.add(new org.kpaudit.analyzer.checks.ImportResolutionCheck());
        all.add(new org.kpaudit.analyzer.checks.RelocationReachCheck());
        all.add(new org.kpaudit.analyzer.checks.TlsModelCheck());
        all.add(new org.kpaudit.analyzer.checks.ExternTlsCheck());
        all.add(new org.kpaudit.analyzer.checks.SectionAddressCheck());
        all.add(new org.kpaudit.analyzer.checks.FunctionIdentityCheck());
        all.add(new org.kpaudit.analyzer.checks.FunctionSizeCheck());
        all.add(new org.kpaudit.analyzer.checks.FunctionPolicyCheck());
        all.add(new org.kpaudit.analyzer.checks.NeverPatchableCheck());
        all.add(new org.kpaudit.analyzer.checks.MaxFunctionsCheck());
        all.add(new org.kpaudit.analyzer.checks.ImportPolicyCheck());
        all.add(new org.kpaudit.analyzer.checks.WritableDataCheck());
        // kpatch chain checks (several patches for one build-id)
        all.add(new org.kpaudit.analyzer.checks.DuplicateIdCheck());
        all.add(new org.kpaudit.analyzer.checks.StackedFunctionCheck());
        all.add(new org.kpaudit.analyzer.checks.ChainBuildIdCheck());
        all.add(new org.kpaudit.analyzer.checks.LevelGapCheck());
        all.sort(Comparator.comparing(c -> c.rule().id()));
        return all;
    }

    public static List<RuleInfo> rules() {
        return all().stream().map(Check::rule).toList();
    }
}
