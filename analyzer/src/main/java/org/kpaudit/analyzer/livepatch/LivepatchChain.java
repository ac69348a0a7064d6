package org.kpaudit.analyzer.livepatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.Location;
import org.kpaudit.model.KlpCallbacks;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KlpState;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.PointerTarget;

/**
 * A chain of livepatch modules in load order, with what each load does to the patches already
 * enabled (klp-format.md §3): a cumulative patch (replace = true) replaces every enabled patch,
 * keeping, adding or reverting functions and checking system states; a non-cumulative one
 * stacks on them.
 *
 * @param modules the modules in load order
 * @param steps one step per module
 */
public record LivepatchChain(List<LivepatchModule> modules, List<Step> steps) {

    /** The subject kind of chain checks in the rule catalogue. */
    public static final String KIND = "livepatch-chain";

    public LivepatchChain {
        modules = List.copyOf(modules);
        steps = List.copyOf(steps);
    }

    /** A patched function as livepatch keys it: object, old_name, old_sympos. */
    public record FunctionKey(String object, String name, long sympos) {
        @Override
        public String toString() {
            return object + ":" + name + "," + Long.toUnsignedString(sympos);
        }
    }

    /** What loading a patch does to one function. */
    public enum FunctionChange {
        /** No enabled patch had it: the patch starts patching it. */
        ADDED,
        /** A cumulative patch that also patches it: its version replaces the earlier ones. */
        KEPT,
        /** A cumulative patch without it: the function goes back to its original code. */
        REVERTED,
        /** A non-cumulative patch over an enabled patch of the same function: the newest version runs. */
        STACKED
    }

    /**
     * One function's change.
     *
     * @param func this module's klp_func, or {@code null} for a reverted function
     * @param previous the enabled patches that patched it before this load, oldest first
     */
    public record FunctionStep(FunctionKey key, FunctionChange change, KlpFunc func, List<LivepatchModule> previous) {
        public FunctionStep {
            previous = List.copyOf(previous);
        }
    }

    /** What loading a patch does to one system state id. */
    public enum StateChange {
        /** No enabled patch declared it. */
        INTRODUCED,
        /** Declared with the same version as before. */
        KEPT,
        /** Declared with a higher version. */
        UPGRADED,
        /** Declared with a lower version: klp_is_patch_compatible() refuses the patch. */
        DOWNGRADED,
        /** Not declared by a cumulative patch: klp_is_patch_compatible() refuses the patch. */
        DROPPED,
        /** Not declared by a patch whose replace flag is unknown: refused if it is cumulative. */
        UNDECLARED
    }

    /**
     * One state's change.
     *
     * @param version the version this patch declares, or {@code null} when it does not declare the id
     * @param previousVersion the highest version an enabled patch declares, or {@code null}
     * @param previous the enabled patches declaring the id
     */
    public record StateStep(long id, Long version, Long previousVersion, StateChange change,
            List<LivepatchModule> previous) {
        public StateStep {
            previous = List.copyOf(previous);
        }
    }

    /** Unpatch callbacks of a replaced patch, which will not run. */
    public record SkippedCallbacks(LivepatchModule module, KlpObject object, Map<String, PointerTarget> callbacks) {
        public SkippedCallbacks {
            callbacks = Map.copyOf(callbacks);
        }
    }

    /**
     * Loading one module.
     *
     * @param position 1-based load position
     * @param replace the module's replace flag, {@code null} when unknown
     * @param enabledBefore the patches enabled before this load, in load order
     * @param replaced the patches this load replaces (all of {@code enabledBefore} for a
     *     cumulative patch, else none)
     * @param functions this load's function changes: the module's own functions in order, then
     *     the reverted ones
     * @param wouldRevert for a patch whose replace flag is unknown: the functions it reverts if
     *     it is cumulative
     * @param states this load's state changes
     * @param skippedCallbacks unpatch callbacks of the replaced patches
     * @param unknown why the module is left out of the chain (its patch was not recovered), or null
     */
    public record Step(int position, LivepatchModule module, Boolean replace, List<LivepatchModule> enabledBefore,
            List<LivepatchModule> replaced, List<FunctionStep> functions, List<FunctionKey> wouldRevert,
            List<StateStep> states, List<SkippedCallbacks> skippedCallbacks, String unknown) {
        public Step {
            enabledBefore = List.copyOf(enabledBefore);
            replaced = List.copyOf(replaced);
            functions = List.copyOf(functions);
            wouldRevert = List.copyOf(wouldRevert);
            states = List.copyOf(states);
            skippedCallbacks = List.copyOf(skippedCallbacks);
        }

        public List<FunctionStep> functions(FunctionChange change) {
            return functions.stream().filter(f -> f.change() == change).toList();
        }

        /** Where findings about this load point: the module's klp_patch. */
        public Location location() {
            KlpPatch p = module.patch();
            long off = p == null ? -1 : p.fileOffset();
            return Location.ofFile(module.path()).withBytes(off, off < 0 ? 0 : 25).withPatch(module.displayName())
                    .withSection(p == null ? null : p.section());
        }
    }

    /** Works out the steps of loading {@code modules} in order. */
    public static LivepatchChain of(List<LivepatchModule> modules) {
        List<Step> steps = new ArrayList<>();
        List<LivepatchModule> enabled = new ArrayList<>();
        int pos = 0;
        for (LivepatchModule m : modules) {
            pos++;
            KlpPatch p = m.patch();
            if (p == null) {
                steps.add(new Step(pos, m, null, enabled, List.of(), List.of(), List.of(), List.of(), List.of(),
                        m.patchUnknown() == null ? "no klp_patch recovered" : m.patchUnknown()));
                continue;
            }
            Boolean replace = p.replace();
            boolean cumulative = Boolean.TRUE.equals(replace);
            Map<FunctionKey, List<LivepatchModule>> before = new LinkedHashMap<>();
            for (LivepatchModule e : enabled) {
                for (Map.Entry<FunctionKey, KlpFunc> f : functions(e).entrySet()) {
                    before.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(e);
                }
            }
            Map<FunctionKey, KlpFunc> mine = functions(m);
            List<FunctionStep> fs = new ArrayList<>();
            for (Map.Entry<FunctionKey, KlpFunc> f : mine.entrySet()) {
                List<LivepatchModule> prev = before.getOrDefault(f.getKey(), List.of());
                FunctionChange c = prev.isEmpty() ? FunctionChange.ADDED
                        : cumulative ? FunctionChange.KEPT : FunctionChange.STACKED;
                fs.add(new FunctionStep(f.getKey(), c, f.getValue(), prev));
            }
            List<FunctionKey> wouldRevert = new ArrayList<>();
            for (Map.Entry<FunctionKey, List<LivepatchModule>> b : before.entrySet()) {
                if (mine.containsKey(b.getKey())) {
                    continue;
                }
                if (cumulative) {
                    fs.add(new FunctionStep(b.getKey(), FunctionChange.REVERTED, null, b.getValue()));
                } else if (replace == null) {
                    wouldRevert.add(b.getKey());
                }
            }
            List<StateStep> ss = states(p, replace, enabled);
            List<SkippedCallbacks> skipped = new ArrayList<>();
            List<LivepatchModule> replaced = cumulative ? List.copyOf(enabled) : List.of();
            for (LivepatchModule r : replaced) {
                for (KlpObject o : r.patch().objects()) {
                    Map<String, PointerTarget> cb = new LinkedHashMap<>();
                    KlpCallbacks c = o.callbacks();
                    if (c.preUnpatch() != null) {
                        cb.put("pre_unpatch", c.preUnpatch());
                    }
                    if (c.postUnpatch() != null) {
                        cb.put("post_unpatch", c.postUnpatch());
                    }
                    if (!cb.isEmpty()) {
                        skipped.add(new SkippedCallbacks(r, o, cb));
                    }
                }
            }
            steps.add(new Step(pos, m, replace, enabled, replaced, fs, wouldRevert, ss, skipped, null));
            if (cumulative) {
                enabled = new ArrayList<>();
            }
            enabled.add(m);
        }
        return new LivepatchChain(modules, steps);
    }

    /** A module's functions by key, in order (the first entry wins for duplicates). */
    public static Map<FunctionKey, KlpFunc> functions(LivepatchModule m) {
        Map<FunctionKey, KlpFunc> out = new LinkedHashMap<>();
        if (m.patch() == null) {
            return out;
        }
        for (KlpObject o : m.patch().objects()) {
            for (KlpFunc f : o.funcs()) {
                if (f.oldName() != null) {
                    out.putIfAbsent(new FunctionKey(o.objectName(), f.oldName(), f.oldSympos()), f);
                }
            }
        }
        return out;
    }

    private static List<StateStep> states(KlpPatch p, Boolean replace, List<LivepatchModule> enabled) {
        Map<Long, List<LivepatchModule>> prevBy = new LinkedHashMap<>();
        Map<Long, Long> prevMax = new LinkedHashMap<>();
        for (LivepatchModule e : enabled) {
            if (e.patch().states() == null) {
                continue;
            }
            for (KlpState st : e.patch().states()) {
                prevBy.computeIfAbsent(st.id(), k -> new ArrayList<>()).add(e);
                prevMax.merge(st.id(), st.version(), (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
            }
        }
        List<StateStep> out = new ArrayList<>();
        Map<Long, KlpState> mine = new LinkedHashMap<>();
        if (p.states() != null) {
            for (KlpState st : p.states()) {
                mine.putIfAbsent(st.id(), st);
            }
        }
        for (KlpState st : mine.values()) {
            Long prev = prevMax.get(st.id());
            StateChange c = prev == null ? StateChange.INTRODUCED
                    : Long.compareUnsigned(st.version(), prev) > 0 ? StateChange.UPGRADED
                    : st.version() == prev ? StateChange.KEPT : StateChange.DOWNGRADED;
            out.add(new StateStep(st.id(), st.version(), prev, c, prevBy.getOrDefault(st.id(), List.of())));
        }
        if (p.states() == null) {
            return out;
        }
        for (Map.Entry<Long, Long> e : prevMax.entrySet()) {
            if (mine.containsKey(e.getKey())) {
                continue;
            }
            if (Boolean.TRUE.equals(replace)) {
                out.add(new StateStep(e.getKey(), null, e.getValue(), StateChange.DROPPED, prevBy.get(e.getKey())));
            } else if (replace == null) {
                out.add(new StateStep(e.getKey(), null, e.getValue(), StateChange.UNDECLARED, prevBy.get(e.getKey())));
            }
        }
        return out;
    }
}
