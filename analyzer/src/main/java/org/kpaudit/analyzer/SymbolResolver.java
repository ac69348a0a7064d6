package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/**
 * Function symbols of a target with their sizes, from the best source there is: the target's
 * own {@code .symtab}; else a separate debug file found by build-id; else the MiniDebugInfo
 * in {@code .gnu_debugdata}; else {@code .dynsym} (exported functions only); else nothing.
 * The table is read once, on first use.
 */
public final class SymbolResolver {

    /** Where the symbols come from. */
    public enum Source {
        SYMTAB("the target's .symtab"),
        DEBUG_FILE("a separate debug file"),
        MINIDEBUGINFO("the target's .gnu_debugdata (MiniDebugInfo)"),
        DYNSYM("the target's .dynsym (exported functions only)"),
        NONE("nothing (no .symtab, debug file, MiniDebugInfo or .dynsym)");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A symbol table to use and where it came from. */
    public record Table(Source source, String path, ElfFile elf, SymbolTableKind kind) {
    }

    private final Supplier<Table> loader;
    private Table table;
    private NavigableMap<Long, List<Symbol>> byAddress;
    private Map<String, List<Symbol>> byName;

    public SymbolResolver(Supplier<Table> loader) {
        this.loader = loader;
    }

    /** A resolver over a fixed ELF's own tables (its .symtab, else its .dynsym). */
    public static SymbolResolver of(ElfFile elf) {
        return new SymbolResolver(() -> elf.symbolCount(SymbolTableKind.SYMTAB) > 1
                ? new Table(Source.SYMTAB, elf.path(), elf, SymbolTableKind.SYMTAB)
                : elf.symbolCount(SymbolTableKind.DYNSYM) > 1
                        ? new Table(Source.DYNSYM, elf.path(), elf, SymbolTableKind.DYNSYM)
                        : new Table(Source.NONE, null, null, null));
    }

    public synchronized Table table() {
        if (table == null) {
            table = loader.get();
        }
        return table;
    }

    public Source source() {
        return table().source();
    }

    private synchronized void index() {
        if (byAddress != null) {
            return;
        }
        byAddress = new TreeMap<>(Long::compareUnsigned);
        byName = new HashMap<>();
        Table t = table();
        if (t.elf() == null) {
            return;
        }
        for (Symbol s : t.elf().symbols(t.kind())) {
            if (!s.isDefinedInSection() || s.name() == null || s.name().isEmpty()) {
                continue;
            }
            if (!(s.type().is("FUNC") || s.type().is("GNU_IFUNC") || s.type().is("NOTYPE"))) {
                continue;
            }
            byAddress.computeIfAbsent(s.value(), k -> new ArrayList<>()).add(s);
            byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
    }

    /** Function symbols that start exactly at {@code address}. */
    public List<Symbol> at(long address) {
        index();
        return byAddress.getOrDefault(address, List.of());
    }

    /** The function symbol whose [value, value + size) contains {@code address}. */
    public Optional<Symbol> containing(long address) {
        index();
        Map.Entry<Long, List<Symbol>> e = byAddress.floorEntry(address);
        while (e != null) {
            for (Symbol s : e.getValue()) {
                if (s.type().is("FUNC") && Long.compareUnsigned(address - s.value(), s.size()) < 0) {
                    return Optional.of(s);
                }
            }
            if (Long.compareUnsigned(address - e.getKey(), 1L << 24) > 0) {
                return Optional.empty();
            }
            e = byAddress.lowerEntry(e.getKey());
        }
        return Optional.empty();
    }

    /** Function symbols with this name (unversioned). */
    public List<Symbol> named(String name) {
        index();
        return byName.getOrDefault(name, List.of());
    }
}
