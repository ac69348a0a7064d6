package org.kpaudit.analyzer.livepatch;

import java.util.List;
import java.util.Optional;
import org.kpaudit.analyzer.Location;
import org.kpaudit.model.KernelSymbol;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.LivepatchModule;

/**
 * What a livepatch module check looks at: one module, and the target symbol lists given with
 * {@code --target} (possibly none).
 */
public record LivepatchSubject(LivepatchModule module, List<KernelSymbols> targets) {

    /** The subject kind of module checks in the rule catalogue. */
    public static final String KIND = "livepatch-module";

    public LivepatchSubject {
        targets = List.copyOf(targets);
    }

    /** The export of {@code name} in any target list. */
    public Optional<KernelSymbols.Export> export(String name) {
        for (KernelSymbols t : targets) {
            Optional<KernelSymbols.Export> e = t.export(name);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    /** True when some target tells which symbols are exported. */
    public boolean knowsExports() {
        return !targets.isEmpty();
    }

    /** The first target that holds every symbol of {@code object} (System.map, kallsyms, ELF). */
    public Optional<KernelSymbols> symbolsOf(String object) {
        return targets.stream().filter(t -> t.hasAllSymbols() && t.covers(object)).findFirst();
    }

    /** The first target of {@code object} with ftrace call sites (an ELF vmlinux or module). */
    public Optional<KernelSymbols> ftraceOf(String object) {
        return targets.stream().filter(t -> t.covers(object) && t.ftrace() != null).findFirst();
    }

    /** The symbols named {@code name} in {@code object}, from the first target that has all its symbols. */
    public Optional<List<KernelSymbol>> named(String object, String name) {
        return symbolsOf(object).map(t -> t.named(object, name));
    }

    /** A location in this module's file, naming the module as the patch. */
    public Location at(long offset, long length) {
        return Location.ofFile(module.path()).withBytes(offset, length).withPatch(module.displayName());
    }

    /** The names of the targets, for messages. */
    public String targetNames() {
        return String.join(", ", targets.stream().map(t -> t.path() + " (" + t.format().label() + ")").toList());
    }
}
