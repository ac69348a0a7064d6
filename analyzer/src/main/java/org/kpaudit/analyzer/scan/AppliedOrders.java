package org.kpaudit.analyzer.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kpaudit.analyzer.Chains;

/**
 * The order in which the patches of a process were applied to each object, as its image shows it:
 * a function patched by several patches keeps the older ones below the newer in its stack of saved
 * bytes (kpatch-format.md 4.3), which orders them; patches no stack relates are ordered by their
 * address (libcare-ctl maps each new patch in the first free hole after the object, so a later
 * patch usually lies higher; the stacks take precedence where they say otherwise).
 */
public final class AppliedOrders {

    private AppliedOrders() {
    }

    /** One order per object with two or more applied patches of its build-id. */
    public static List<Chains.Applied> of(ScanResult s) {
        Map<LoadedObject, List<PatchRegion>> byObject = new LinkedHashMap<>();
        for (PatchRegion r : s.regions()) {
            if (r.object() != null && r.object().buildId() != null && r.header().id() != null
                    && !r.header().id().isEmpty()) {
                byObject.computeIfAbsent(r.object(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Chains.Applied> out = new ArrayList<>();
        for (Map.Entry<LoadedObject, List<PatchRegion>> e : byObject.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            List<PatchRegion> regions = new ArrayList<>(e.getValue());
            regions.sort(java.util.Comparator.comparingLong(PatchRegion::address));
            // before.get(x) = regions that must come before x (they lie below x in some stack)
            Map<Long, Set<Long>> before = new HashMap<>();
            for (PatchedFunction f : s.functions()) {
                List<PatchedFunction.Ref> st = f.stack(); // newest first
                for (int i = 0; i + 1 < st.size(); i++) {
                    before.computeIfAbsent(st.get(i).region(), k -> new HashSet<>()).add(st.get(i + 1).region());
                }
            }
            List<String> ids = new ArrayList<>();
            Set<Long> placed = new HashSet<>();
            while (placed.size() < regions.size()) {
                PatchRegion next = null;
                for (PatchRegion r : regions) {
                    if (!placed.contains(r.address()) && placed.containsAll(
                            before.getOrDefault(r.address(), Set.of()).stream()
                                    .filter(a -> regions.stream().anyMatch(x -> x.address() == a)).toList())) {
                        next = r;
                        break;
                    }
                }
                if (next == null) { // the stacks contradict each other: keep address order for the rest
                    next = regions.stream().filter(r -> !placed.contains(r.address())).findFirst().orElseThrow();
                }
                placed.add(next.address());
                ids.add(next.header().id());
            }
            out.add(new Chains.Applied(e.getKey().buildId(), ids, "core " + s.input()));
        }
        return out;
    }
}
