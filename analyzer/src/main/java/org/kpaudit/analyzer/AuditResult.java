package org.kpaudit.analyzer;

import java.util.List;
import java.util.Map;

/**
 * Everything one run of the checks found, free of presentation: what was read, what each patch
 * is, how patches form chains, the findings (sorted with {@link Finding#ORDER}), the rule
 * catalogue and the tool notifications. Renderers (YAML, JSON, SARIF, JUnit, text, HTML) are pure
 * functions of this value.
 */
public record AuditResult(
        List<Input> inputs,
        List<PatchInfo> patches,
        List<ChainInfo> chains,
        List<Finding> findings,
        List<RuleInfo> rules,
        List<Notification> notifications,
        Map<String, Object> policy) {

    public AuditResult {
        inputs = List.copyOf(inputs);
        patches = List.copyOf(patches);
        chains = List.copyOf(chains);
        findings = List.copyOf(findings);
        rules = List.copyOf(rules);
        notifications = List.copyOf(notifications);
    }

    /** One argument: a file, a directory or an archive, and the patches found in it. */
    public record Input(String path, String kind, int patches) {
    }

    /** What one patch is. */
    public record PatchInfo(
            String file,
            String id,
            String buildId,
            String layout,
            String arch,
            String target,
            String targetStatus,
            String targetFoundBy,
            String targetBuildId,
            List<Function> changed,
            List<Function> added,
            List<String> imports,
            String chain,
            Integer chainPosition,
            Integer level) {

        public PatchInfo {
            changed = List.copyOf(changed);
            added = List.copyOf(added);
            imports = List.copyOf(imports);
        }
    }

    /** A changed or new function of a patch; {@code address}/{@code size} are the original's (changed only). */
    public record Function(String name, Long address, Long size, long newSize) {
    }

    /** Patches for one build-id, in apply order. */
    public record ChainInfo(
            String buildId,
            String order,
            List<ChainMember> members,
            List<Overlap> overlaps,
            List<String> unpatchOrder,
            String latest) {

        public ChainInfo {
            members = List.copyOf(members);
            overlaps = List.copyOf(overlaps);
            unpatchOrder = List.copyOf(unpatchOrder);
        }
    }

    /** One patch in a chain. */
    public record ChainMember(int position, String file, String id, Integer level) {
    }

    /** A function changed by several patches of a chain: the last one applied wins. */
    public record Overlap(String function, List<String> patches, String winner) {
        public Overlap {
            patches = List.copyOf(patches);
        }
    }

    /**
     * A result that holds only findings, rules and notifications (for commands whose subjects are
     * not .kpatch files: chain, scan), so that the shared renderers such as SARIF apply to them.
     */
    public static AuditResult ofFindings(List<Finding> findings, List<RuleInfo> rules,
            List<Notification> notifications) {
        List<Finding> sorted = new java.util.ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        return new AuditResult(List.of(), List.of(), List.of(), sorted, rules, notifications, Map.of());
    }

    /** Findings with a severity at or above {@code threshold}. */
    public long countAtLeast(Severity threshold) {
        return findings.stream().filter(f -> f.severity().atLeast(threshold)).count();
    }

    public boolean hasErrors() {
        return notifications.stream().anyMatch(n -> n.level().equals("error"));
    }

    /** Tool errors: inputs that could not be read, checks that failed. */
    public long toolErrors() {
        return notifications.stream().filter(n -> n.level().equals("error")).count();
    }

    /** Findings that say something could not be verified. */
    public long unverifiedCount() {
        return findings.stream().filter(Finding::unverified).count();
    }

    /** The verdict of a run whose subjects are this result's patches. */
    public Verdict verdict(Severity failOn) {
        // subjects: the patches, or what the inputs held when more (SysCare upatch objects are not in patches)
        long held = inputs.stream().mapToLong(Input::patches).sum();
        return Verdict.of(findings, failOn, toolErrors(), Math.max(patches.size(), held));
    }
}
