package org.kpaudit.analyzer;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Segment;

/**
 * The binary a patch is applied to, how it was found, the libraries it needs (resolved to files
 * or "not found") and a resolver for its function symbols and sizes.
 */
public final class TargetSet {

    /** One DT_NEEDED library (direct or transitive). */
    public record Library(String name, String path, ElfFile elf, String neededBy) {
        public boolean found() {
            return elf != null;
        }
    }

    private final String path;
    private final ElfFile elf;
    private final String foundBy;
    private final Supplier<List<Library>> libraries;
    private List<Library> libs;
    private final SymbolResolver symbols;

    public TargetSet(String path, ElfFile elf, String foundBy, Supplier<List<Library>> libraries,
            SymbolResolver symbols) {
        this.path = path;
        this.elf = elf;
        this.foundBy = foundBy;
        this.libraries = libraries;
        this.symbols = symbols;
    }

    public String path() {
        return path;
    }

    public ElfFile elf() {
        return elf;
    }

    /** How the target was found: {@code --target}, {@code sysroot .build-id link}, {@code sysroot scan}. */
    public String foundBy() {
        return foundBy;
    }

    /** Needed libraries in breadth-first DT_NEEDED order, resolved on first use. */
    public synchronized List<Library> libraries() {
        if (libs == null) {
            libs = List.copyOf(libraries.get());
        }
        return libs;
    }

    /** Function symbols with sizes: .symtab, else a debug file, else MiniDebugInfo, else .dynsym. */
    public SymbolResolver symbols() {
        return symbols;
    }

    public Optional<String> buildId() {
        return elf.buildId();
    }

    /** Lowest and highest address of the PT_LOAD segments: [start, end). */
    public long[] imageSpan() {
        long lo = -1;
        long hi = 0;
        for (Segment s : elf.segments()) {
            if (s.type().is("LOAD")) {
                lo = lo == -1 ? s.vaddr() : Math.min(lo, s.vaddr());
                hi = Math.max(hi, s.vaddr() + s.memsz());
            }
        }
        return lo == -1 ? new long[] {0, 0} : new long[] {lo, hi};
    }

    /** True for a position-independent object (ET_DYN): its load address is chosen at run time. */
    public boolean positionIndependent() {
        return elf.header().type().is("DYN");
    }

    /** True when the object has PT_INTERP (an executable, which the loader does not search for imports). */
    public boolean hasInterpreter() {
        return elf.segments().stream().anyMatch(s -> s.type().is("INTERP"));
    }
}
