package org.kpaudit.analyzer.livepatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.LivepatchModule;

/** The same function name in the same object with different old_sympos across the chain. */
@Rule(id = "KL203", name = "sympos-mismatch", severity = Severity.WARNING,
        summary = "Patches in the chain name the same function with different old_sympos.",
        help = "Livepatch identifies a patched function by object, old_name and old_sympos, and compares old_sympos"
                + " exactly (kernel/livepatch/core.c klp_find_func() in 6.12). old_sympos 0 (\"the only one\") and 1"
                + " (\"the first one\") name the same symbol when the name is unique, but kernels before 6.19 (and"
                + " stable kernels without the backport of \"livepatch: Match old_sympos 0 and 1 in klp_find_func()\")"
                + " treat them as two functions: a cumulative patch with name,1 over a patch with name,0 adds a nop"
                + " for name,0 and patches name,1 at the same address, and stacking patches are not seen as patching"
                + " the same function. Use the same old_sympos in every patch of a chain. Other differences (1 and 2)"
                + " name different symbols of the same name; the finding is then a note to confirm which one each"
                + " patch means. Source: klp-format.md rule R2 in section 3.3.")
public final class SymposMismatchCheck extends ChainCheck {

    @Override
    public void check(LivepatchChain chain, Findings out) {
        // object:name -> sympos -> first module using it
        Map<String, Map<Long, LivepatchModule>> seen = new LinkedHashMap<>();
        for (LivepatchChain.Step st : chain.steps()) {
            LivepatchModule m = st.module();
            Set<String> reported = new HashSet<>();
            List<LivepatchChain.FunctionKey> keys = new ArrayList<>(LivepatchChain.functions(m).keySet());
            for (LivepatchChain.FunctionKey k : keys) {
                String fn = k.object() + ":" + k.name();
                Map<Long, LivepatchModule> earlier = seen.get(fn);
                if (earlier != null && !earlier.containsKey(k.sympos()) && reported.add(fn)) {
                    for (Map.Entry<Long, LivepatchModule> e : earlier.entrySet()) {
                        if (e.getValue() == m) {
                            continue;
                        }
                        long a = e.getKey();
                        long b = k.sympos();
                        boolean zeroOne = (a == 0 && b == 1) || (a == 1 && b == 0);
                        String both = k.object() + " function " + k.name() + " is " + k.name() + ","
                                + Long.toUnsignedString(b) + " in " + m.displayName() + " but " + k.name() + ","
                                + Long.toUnsignedString(a) + " in " + e.getValue().displayName();
                        if (zeroOne) {
                            out.report(st.location().withFunction(k.name()), both + ": old_sympos 0 and 1 name the same"
                                    + " symbol when the name is unique, but kernels before 6.19 (without the stable"
                                    + " backport of \"livepatch: Match old_sympos 0 and 1 in klp_find_func()\") treat"
                                    + " them as different functions, so replacement and stacking do not see that both"
                                    + " patch " + k.name() + ". Use the same old_sympos in every patch.");
                        } else {
                            out.report(Severity.NOTE, st.location().withFunction(k.name()), both + ": these are"
                                    + " different symbols named " + k.name() + ", which the kernel treats as different"
                                    + " functions. Confirm that each patch means the occurrence it names.");
                        }
                        break;
                    }
                }
            }
            for (LivepatchChain.FunctionKey k : keys) {
                seen.computeIfAbsent(k.object() + ":" + k.name(), x -> new LinkedHashMap<>()).putIfAbsent(k.sympos(), m);
            }
        }
    }
}
