package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kpaudit.model.InfoRecord;

/**
 * Groups patches into incremental chains (kpatch-format.md section 5): every patch for one
 * build-id that is applied to the same process stacks on the ones before it. Chains are formed
 * only where the loader would form them: the levels of one storage directory
 * ({@code <bid>/<level>/kpatch.bin}), the patches the user named one by one (files, or patch
 * folders as {@code libcare-ctl patch} takes them, in argument order), the patches of one folder,
 * or an order seen applied in a core. Patches in sibling folders of a tree are alternatives, not
 * a stack, and are never chained with each other.
 */
public final class Chains {

    private Chains() {
    }

    /** The key a patch is grouped by: its storage directory's build-id, else its header's. */
    public static String key(PatchSubject p) {
        if (p.name().layout() == FileNameFacts.Layout.STORAGE || p.name().layout() == FileNameFacts.Layout.STORAGE_LATEST) {
            return p.name().buildIdFromName().toLowerCase(Locale.ROOT);
        }
        String b = p.patch().header().buildId();
        return b == null ? "" : b.toLowerCase(Locale.ROOT);
    }

    /**
     * Chains of two or more patches, in the order their first member was named.
     *
     * @param patches in the order the user named them
     * @param latestLinks storage directory ({@code <dir>/<bid>}, as displayed) to the text of its
     *     {@code latest} link
     */
    public static List<ChainSubject> group(List<PatchSubject> patches, Map<String, String> latestLinks) {
        return group(patches, latestLinks, Map.of(), List.of());
    }

    /**
     * An order of patches seen applied to one object: their ids, first applied first.
     *
     * @param buildId the object's build-id
     * @param ids the patch ids in apply order
     * @param source where it was seen ("core X")
     */
    public record Applied(String buildId, List<String> ids, String source) {
        public Applied {
            ids = List.copyOf(ids);
        }
    }

    /**
     * As {@link #group(List, Map)}, with each patch's chain unit ({@code display} to unit, see
     * {@code Inputs.Found#unit}; patches of different units never chain) and the orders seen
     * applied in cores, which chain the patches they name whatever folders they are in.
     */
    public static List<ChainSubject> group(List<PatchSubject> patches, Map<String, String> latestLinks,
            Map<String, String> units, List<Applied> applied) {
        Map<String, List<PatchSubject>> byKey = new LinkedHashMap<>();
        for (PatchSubject p : patches) {
            String unit = isStorage(p) ? "" : units.getOrDefault(p.display(), "");
            byKey.computeIfAbsent(key(p) + (unit.isEmpty() ? "" : "\u0000" + unit), k -> new ArrayList<>()).add(p);
        }
        List<ChainSubject> out = new ArrayList<>();
        for (Map.Entry<String, List<PatchSubject>> e : byKey.entrySet()) {
            List<PatchSubject> members = new ArrayList<>(e.getValue());
            if (members.size() < 2 || key(members.get(0)).isEmpty()) {
                continue;
            }
            String storage = members.stream().map(m -> m.name().storageDir()).filter(s -> s != null).findFirst()
                    .orElse(null);
            String latest = storage == null ? null : latestLinks.get(storage);
            if (members.stream().allMatch(m -> level(m, latest) != null)) {
                members.sort(Comparator.comparing(m -> level(m, latest)));
            }
            out.add(new ChainSubject(key(members.get(0)), members, storage, latest));
        }
        List<List<PatchSubject>> seen = new ArrayList<>();
        for (Applied a : applied) {
            List<PatchSubject> members = new ArrayList<>();
            for (String id : a.ids()) {
                patches.stream().filter(p -> !members.contains(p) && a.buildId().equalsIgnoreCase(
                        String.valueOf(p.patch().header().buildId())) && id.equals(p.patch().header().id()))
                        .findFirst().ifPresent(members::add);
            }
            if (members.size() < 2 || seen.contains(members)) {
                continue;
            }
            seen.add(members);
            // a chain of the files that this order covers is the same chain: the applied order replaces it
            out.removeIf(c -> c.evidence() == null && members.containsAll(c.members()));
            out.add(new ChainSubject(key(members.get(0)), members, null, null, a.source()));
        }
        return out;
    }

    private static boolean isStorage(PatchSubject p) {
        return p.name().layout() == FileNameFacts.Layout.STORAGE
                || p.name().layout() == FileNameFacts.Layout.STORAGE_LATEST;
    }

    /** The level of a member: its level directory, or the latest link's target for latest/kpatch.bin. */
    public static Integer level(PatchSubject p, String latest) {
        if (p.name().level() != null) {
            return p.name().level();
        }
        if (p.name().layout() == FileNameFacts.Layout.STORAGE_LATEST && latest != null && latest.matches("[0-9]{1,9}")) {
            return Integer.parseInt(latest);
        }
        return null;
    }

    /** True when the chain is ordered by storage levels rather than by argument order. */
    public static boolean byLevel(ChainSubject c) {
        return c.members().stream().allMatch(m -> level(m, c.latest()) != null);
    }

    /** Functions changed by more than one member, with the members in apply order. */
    public static Map<String, List<PatchSubject>> overlaps(ChainSubject c) {
        Map<String, List<PatchSubject>> byFunction = new LinkedHashMap<>();
        for (PatchSubject p : c.members()) {
            for (InfoRecord r : p.patch().changedFunctions()) {
                String key = functionKey(r);
                List<PatchSubject> l = byFunction.computeIfAbsent(key, k -> new ArrayList<>());
                if (!l.contains(p)) {
                    l.add(p);
                }
            }
        }
        byFunction.values().removeIf(l -> l.size() < 2);
        return byFunction;
    }

    /** A changed function's identity across patches: its original address, else its name. */
    static String functionKey(InfoRecord r) {
        return r.function() != null ? r.function()
                : r.original() != null ? "0x" + Long.toHexString(r.original().address()) : "#" + r.index();
    }
}
