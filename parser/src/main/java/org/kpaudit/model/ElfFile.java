package org.kpaudit.model;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ELF file: header, section and program header tables (read when the file is opened) and
 * everything else (symbols, relocations, notes, dynamic entries, versions) read on first use
 * from the memory-mapped file, then kept.
 *
 * <p>Immutable: every accessor returns the same unmodifiable value each time. A lazy read of
 * a malformed part throws {@link MalformedFileException} naming the file and offset.
 */
public final class ElfFile {

    /** Reads the lazy parts; implemented by the parser. */
    public interface Backend {
        List<Symbol> readSymbols(SymbolTableKind kind);

        Optional<Symbol> readSymbol(SymbolTableKind kind, long index);

        List<Relocation> readRelocations(RelocationSection section);

        List<Note> readNotes(boolean fromSegments);

        List<DynamicEntry> readDynamic();

        List<VersionNeed> readVersionNeeds();

        List<VersionDef> readVersionDefs();

        /**
         * Defined symbols of {@code .dynsym} named {@code name} (what the dynamic linker can bind
         * to), found through .gnu.hash / .hash when present.
         */
        List<Symbol> lookupDynamic(String name);

        /** Up to {@code length} bytes at {@code offset} of this ELF (fewer at the end of the file). */
        byte[] read(long offset, int length);

        /** Problems seen so far, including those found by lazy reads. */
        List<Problem> warnings();
    }

    private final String path;
    private final long size;
    private final ElfHeader header;
    private final List<Section> sections;
    private final List<Segment> segments;
    private final Backend backend;

    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    public ElfFile(String path, long size, ElfHeader header, List<Section> sections, List<Segment> segments,
            Backend backend) {
        this.path = path;
        this.size = size;
        this.header = header;
        this.sections = List.copyOf(sections);
        this.segments = List.copyOf(segments);
        this.backend = backend;
    }

    /** The path (or archive member, or embedding file) this ELF was read from. */
    public String path() {
        return path;
    }

    /** Size of the ELF image in bytes. */
    public long size() {
        return size;
    }

    public ElfHeader header() {
        return header;
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Segment> segments() {
        return segments;
    }

    /**
     * Non-fatal problems seen so far: while opening (a bad name offset, a section past the end
     * of the file ...) and by lazy reads (a truncated note ...).
     */
    public List<Problem> warnings() {
        return List.copyOf(backend.warnings());
    }

    public Optional<Section> section(long index) {
        return index >= 0 && index < sections.size() ? Optional.of(sections.get((int) index)) : Optional.empty();
    }

    /** The first section with this name. */
    public Optional<Section> section(String name) {
        for (Section s : sections) {
            if (s.isNamed(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The first section of this type ({@code SYMTAB}, {@code DYNSYM}, {@code GNU_HASH} ...). */
    public Optional<Section> sectionOfType(String typeName) {
        for (Section s : sections) {
            if (s.type().is(typeName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public Optional<Section> symbolTableSection(SymbolTableKind kind) {
        return sectionOfType(kind == SymbolTableKind.SYMTAB ? "SYMTAB" : "DYNSYM");
    }

    /** Number of entries in the table, from its section header (no symbol is read). */
    public long symbolCount(SymbolTableKind kind) {
        return symbolTableSection(kind).map(s -> s.entsize() == 0 ? 0 : Long.divideUnsigned(s.size(), s.entsize()))
                .orElse(0L);
    }

    /**
     * Runs a lazy read; an unexpected failure inside the generated code (a read past the end of a
     * window the checks did not foresee) becomes a {@link MalformedFileException} for this file.
     */
    private <T> T guard(String what, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (MalformedFileException e) {
            throw e;
        } catch (RuntimeException e) {
            String m = e.getMessage();
            throw new MalformedFileException(new Problem(path, -1, "unreadable " + what + ": "
                    + (e instanceof java.nio.BufferUnderflowException ? "unexpected end of data"
                    : e.getClass().getSimpleName() + (m == null ? "" : ": " + m))), e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T cached(String key, java.util.function.Supplier<T> loader) {
        Object v = cache.get(key);
        if (v == null) {
            v = guard(key.replaceFirst(":.*", ""), loader);
            Object prev = cache.putIfAbsent(key, v);
            if (prev != null) {
                v = prev;
            }
        }
        return (T) v;
    }

    /** All entries of the table (empty when the file has none). */
    public List<Symbol> symbols(SymbolTableKind kind) {
        return cached("symbols:" + kind, () -> List.copyOf(backend.readSymbols(kind)));
    }

    /** One entry, read by index without reading the whole table. */
    public Optional<Symbol> symbol(SymbolTableKind kind, long index) {
        return guard("symbol", () -> backend.readSymbol(kind, index));
    }

    /**
     * Defined symbols of {@code .dynsym} with this name (without version), found through the hash
     * tables when present: the exports a patch import can bind to. Undefined entries are not in
     * the hash tables and are not returned.
     */
    public List<Symbol> lookupDynamic(String name) {
        return guard("dynamic symbols", () -> backend.lookupDynamic(name));
    }

    public List<RelocationSection> relocationSections() {
        return cached("relocsections", () -> {
            List<RelocationSection> out = new ArrayList<>();
            for (Section s : sections) {
                RelocationSection.Format f = s.type().is("RELA") ? RelocationSection.Format.RELA
                        : s.type().is("REL") ? RelocationSection.Format.REL
                        : s.type().is("RELR") ? RelocationSection.Format.RELR : null;
                if (f != null && s.hasFileData()) {
                    long n = s.entsize() == 0 ? 0 : Long.divideUnsigned(s.size(), s.entsize());
                    out.add(new RelocationSection(s, f, s.link(), s.info(), n));
                }
            }
            return List.copyOf(out);
        });
    }

    public Optional<RelocationSection> relocationSection(String name) {
        return relocationSections().stream().filter(r -> r.section().isNamed(name)).findFirst();
    }

    public List<Relocation> relocations(RelocationSection section) {
        return cached("relocs:" + section.section().index(), () -> List.copyOf(backend.readRelocations(section)));
    }

    /** Notes of the SHT_NOTE sections, or of the PT_NOTE segments when the file has no note sections. */
    public List<Note> notes() {
        return cached("notes", () -> {
            boolean hasNoteSections = sections.stream().anyMatch(s -> s.type().is("NOTE") && s.hasFileData());
            return List.copyOf(backend.readNotes(!hasNoteSections));
        });
    }

    /** Notes of the PT_NOTE segments (what a core dump or a loaded object carries). */
    public List<Note> segmentNotes() {
        return cached("segnotes", () -> List.copyOf(backend.readNotes(true)));
    }

    /** The GNU build-id (NT_GNU_BUILD_ID) as lowercase hex. */
    public Optional<String> buildId() {
        for (Note n : notes()) {
            if ("GNU".equals(n.owner()) && n.type().value() == 3) {
                return Optional.of(HexFormat.of().formatHex(n.desc()));
            }
        }
        return Optional.empty();
    }

    public List<DynamicEntry> dynamic() {
        return cached("dynamic", () -> List.copyOf(backend.readDynamic()));
    }

    /** DT_NEEDED entries in order. */
    public List<String> neededLibraries() {
        return dynamic().stream().filter(d -> d.tag().is("NEEDED") && d.text() != null).map(DynamicEntry::text)
                .toList();
    }

    public Optional<String> soname() {
        return dynamic().stream().filter(d -> d.tag().is("SONAME") && d.text() != null).map(DynamicEntry::text)
                .findFirst();
    }

    public List<VersionNeed> versionNeeds() {
        return cached("verneed", () -> List.copyOf(backend.readVersionNeeds()));
    }

    public List<VersionDef> versionDefs() {
        return cached("verdef", () -> List.copyOf(backend.readVersionDefs()));
    }

    /** Up to {@code length} bytes of the file at {@code offset} (fewer at the end of the file). */
    public byte[] read(long offset, int length) {
        return backend.read(offset, length);
    }

    /** The bytes of a section that has file data (at most {@code max} bytes). */
    public byte[] sectionBytes(Section s, int max) {
        if (!s.hasFileData()) {
            return new byte[0];
        }
        long n = Long.compareUnsigned(s.size(), max) > 0 ? max : s.size();
        return backend.read(s.offset(), (int) n);
    }

    @Override
    public String toString() {
        return "ElfFile[" + path + "]";
    }
}
