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
        all.add(new org.kpaudit.analyzer.livepatch.KernelTargetsMissingCheck());
        // livepatch chain checks (KL2xx)
        all.add(new org.kpaudit.analyzer.livepatch.ReplaceRevertsCheck());
        all.add(new org.kpaudit.analyzer.livepatch.StackingConflictCheck());
        all.add(new org.kpaudit.analyzer.livepatch.SymposMismatchCheck());
        all.add(new org.kpaudit.analyzer.livepatch.StateCompatibilityCheck());
        all.add(new org.kpaudit.analyzer.livepatch.ReplacedCallbacksCheck());
        all.add(new org.kpaudit.analyzer.livepatch.ReplaceUnknownCheck());
        all.add(new org.kpaudit.analyzer.livepatch.VermagicMismatchCheck());
        // scan checks (a process image: core dump or live process)
        all.add(new org.kpaudit.analyzer.scan.UnexplainedHookCheck());
        all.add(new org.kpaudit.analyzer.scan.OutOfOrderUnpatchCheck());
        all.add(new org.kpaudit.analyzer.scan.RegionBuildIdMismatchCheck());
        all.add(new org.kpaudit.analyzer.scan.OrphanRegionCheck());
        all.add(new org.kpaudit.analyzer.scan.AppliedPatchDiffersCheck());
        all.add(new org.kpaudit.analyzer.scan.SavedBytesDifferCheck());
        all.add(new org.kpaudit.analyzer.scan.AnonymousCodeCheck());
        // scan completeness (SC2xx): what a scan could not verify
        all.add(new org.kpaudit.analyzer.scan.ObjectNotVerifiedCheck());
        all.add(new org.kpaudit.analyzer.scan.PatchNotVerifiedCheck());
        all.add(new org.kpaudit.analyzer.scan.ImageIncompleteCheck());
        all.add(new org.kpaudit.analyzer.upatch.UpatchTableCheck());
        all.add(new org.kpaudit.analyzer.upatch.UpatchTooSmallCheck());
        all.add(new org.kpaudit.analyzer.upatch.UpatchStringOrderCheck());
        all.add(new org.kpaudit.analyzer.upatch.UpatchBuildIdCheck());
        all.add(new org.kpaudit.analyzer.upatch.UpatchOldFunctionCheck());
        all.sort(Comparator.comparing(c -> c.rule().id()));
        return all;
    }

    public static List<RuleInfo> rules() {
        return all().stream().map(Check::rule).toList();
    }
}
