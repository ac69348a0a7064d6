package org.kpaudit.analyzer.livepatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kpaudit.model.KernelSymbol;
import org.kpaudit.model.KlpFunc;

/** Picks the target symbol a klp_func names, the way klp_find_object_symbol() counts occurrences. */
final class TargetFunctions {

    private TargetFunctions() {
    }

    /**
     * The symbol {@code f} resolves to among {@code matches} (same name, same object): the only one
     * for sympos 0, the sympos-th in address order (kallsyms order) otherwise; null when the kernel
     * could not resolve it.
     */
    static KernelSymbol resolve(KlpFunc f, List<KernelSymbol> matches) {
        List<KernelSymbol> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparing(KernelSymbol::address, Long::compareUnsigned));
        if (f.oldSympos() == 0) {
            return sorted.size() == 1 ? sorted.get(0) : null;
        }
        return Long.compareUnsigned(f.oldSympos(), sorted.size()) <= 0 ? sorted.get((int) f.oldSympos() - 1) : null;
    }

    /** Prefers text symbols (nm type t/T/w/W) when the name is also used by data. */
    static List<KernelSymbol> code(List<KernelSymbol> matches) {
        List<KernelSymbol> text = matches.stream().filter(k -> k.type() != null
                && "tTwW".indexOf(k.type()) >= 0).toList();
        return text.isEmpty() ? matches : text;
    }
}
