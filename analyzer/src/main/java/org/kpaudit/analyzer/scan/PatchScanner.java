package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kpaudit.model.AddressRange;
import org.kpaudit.model.Code;
import org.kpaudit.model.CoreDump;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.JumpTable;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.LoadedElf;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.MemorySymbol;
import org.kpaudit.model.Problem;
import org.kpaudit.model.RuntimeInfoRecord;
import org.kpaudit.model.Segment;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.parser.CoreImage;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.parser.LiveProcess;
import org.kpaudit.parser.LoadedElfReader;
import org.kpaudit.parser.Names;
import org.kpaudit.parser.PatchRegionParser;

/**
 * Finds the LibcarePlus patches applied in a process image and checks them against what the
 * process shows (kpatch-format.md sections 4.3, 4.4, 5, 7.2 and 7.3):
 *
 * <ol>
 *   <li>finds every page that starts with {@code KPATCH1\0}: in a core, every page the core holds;
 *       in a live process, the first page of every mapping and every page of anonymous executable
 *       mappings (where libcare puts patches; a neighbour of the same protection may have merged
 *       with one);</li>
 *   <li>reads each header (layout detected in memory) and keeps those whose run-time fields are
 *       set; the others are copies of patch files ({@link StrayHeader});</li>
 *   <li>reads the jump table, the info records up to their terminator, the saved bytes and the
 *       bytes now at each function entry;</li>
 *   <li>associates each region with the object whose build-id its header names (read from the
 *       object's PT_NOTE in memory, or from its file) and with the object its records patch;</li>
 *   <li>rebuilds the stacking order of every patched function: the entry jumps to the newest
 *       patch, whose saved bytes jump to the one below, down to the original bytes;</li>
 *   <li>when the objects' files are available, compares every function entry with its file and
 *       keeps the modified ones no patch explains ({@link EntryHook});</li>
 *   <li>with {@code --patches}, compares each applied patch with the file of the same id and
 *       build-id.</li>
 * </ol>
 *
 * <p>Only reads: the image is never written. Bytes the image does not hold are reported as
 * missing, never guessed.
 */
public final class PatchScanner {

    /** Pages are searched for the magic at this granularity (every Linux page size is a multiple). */
    public static final int PAGE = 4096;

    /** Bytes read per step while searching (128 KiB: like cat, the buffer stays in the CPU cache). */
    static final int CHUNK = 1 << 17;

    /** Bytes of a header read from memory (the real tool reads 1024). */
    static final int HEADER_READ = 1024;

    /** Most info records read from one region. */
    static final int MAX_RECORDS = 1 << 16;

    /** Most function entries compared with their files in one object. */
    static final int MAX_SYMBOLS = 1 << 20;

    /** Bytes compared at a function entry. */
    static final int ENTRY_BYTES = 16;

    /** {@code KPATCH1\0} as a little-endian long. */
    static final long MAGIC = ByteBuffer.wrap("KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1))
            .order(ByteOrder.LITTLE_ENDIAN).getLong();

    private final MemoryImage mem;
    private final ScanOptions options;
    private final List<Problem> warnings = new ArrayList<>();
    /** Object files parsed during this scan (for the build-id, then for the entry comparison). */
    private final Map<Path, ElfFile> parsed = new HashMap<>();
    private long bytesScanned;
    private long functionsCompared;
    private long codeExamined;

    private PatchScanner(MemoryImage mem, ScanOptions options) {
        this.mem = mem;
        this.options = options;
    }

    /** Scans {@code mem}; the image stays open (the caller closes it). */
    public static ScanResult scan(MemoryImage mem, ScanOptions options) throws IOException {
        return new PatchScanner(mem, options).run();
    }

    private ScanResult run() throws IOException {
        warnings.addAll(mem.warnings());
        List<LoadedObject> objects = objects();
        List<Long> hits = findMagic();
        List<PatchRegion> regions = new ArrayList<>();
        List<StrayHeader> strays = new ArrayList<>();
        for (long hit : hits) {
            region(hit, objects, regions, strays);
        }
        regions.sort(Comparator.comparing(PatchRegion::address, Long::compareUnsigned));
        List<PatchedFunction> functions = new ArrayList<>();
        regions = stacks(regions, objects, functions);
        functions = originalsAgainstFiles(functions);
        if (options.patches() != null) {
            regions = compareWithDisk(regions);
        }
        ScanResult partial = result(objects, regions, functions, List.of(), List.of(), strays);
        List<EntryHook> hooks = new ArrayList<>(fileHooks(partial));
        hooks.addAll(memoryHooks(partial, hooks));
        hooks.sort(Comparator.comparing(EntryHook::address, Long::compareUnsigned));
        List<AnonymousCode> anon = anonymousCode(partial);
        return result(objects, regions, functions, hooks, anon, strays);
    }

    private ScanResult result(List<LoadedObject> objects, List<PatchRegion> regions, List<PatchedFunction> functions,
            List<EntryHook> hooks, List<AnonymousCode> anon, List<StrayHeader> strays) {
        CoreDump core = mem instanceof CoreImage ci ? ci.core() : null;
        String pname = null;
        String cmd = null;
        if (core != null && core.process() != null) {
            pname = core.process().fname();
            cmd = core.process().psargs();
        } else if (mem instanceof LiveProcess lp) {
            pname = lp.comm();
            cmd = lp.cmdline();
        }
        return new ScanResult(mem.name(), mem.kind(), mem.machine(), core, pname, cmd, mem.mappings(), objects,
                regions, functions, hooks, anon, strays, bytesScanned, functionsCompared, codeExamined, warnings);
    }

    // ------------------------------------------------------------------ objects

    private List<LoadedObject> objects() throws IOException {
        Map<String, List<List<Mapping>>> byPath = new LinkedHashMap<>();
        List<List<Mapping>> order = new ArrayList<>();
        for (Mapping m : mem.mappings()) {
            if (!m.fileBacked()) {
                continue;
            }
            List<List<Mapping>> groups = byPath.computeIfAbsent(m.path(), k -> new ArrayList<>());
            if (groups.isEmpty() || m.fileOffset() == 0) {
                List<Mapping> g = new ArrayList<>();
                groups.add(g);
                order.add(g);
            }
            groups.get(groups.size() - 1).add(m);
        }
        List<LoadedObject> out = new ArrayList<>();
        for (List<Mapping> g : order) {
            Mapping first = g.get(0);
            LoadedElf elf = null;
            if (first.fileOffset() == 0) {
                elf = LoadedElfReader.read(mem, first.start());
                if (elf.type() == null && elf.buildIdProblem() != null
                        && elf.buildIdProblem().startsWith(LoadedElfReader.NOT_ELF)) {
                    continue; // a mapped file that is not an ELF object (a locale archive, a font ...)
                }
            }
            String buildId = elf != null ? elf.buildId() : null;
            String source = buildId != null ? "memory" : null;
            String note = elf == null ? "its first page is not mapped" : elf.buildIdProblem();
            String file = null;
            String fileSource = null;
            Path f = fileOf(first.path());
            if (f != null) {
                try {
                    String fileBid = elfFile(f).buildId().orElse(null);
                    if (buildId == null && fileBid != null) {
                        buildId = fileBid;
                        source = "file";
                        note = null;
                        file = f.toString();
                    } else if (buildId != null && fileBid != null && !buildId.equals(fileBid)) {
                        note = "the file " + f + " has build-id " + fileBid + ", not the one in memory; it is not used";
                    } else {
                        file = f.toString();
                    }
                    if (file != null) {
                        fileSource = "--sysroot path " + f;
                    }
                } catch (IOException | MalformedFileException e) {
                    note = "cannot read " + f + ": " + reason(e);
                }
            }
            if (file == null && buildId != null && "memory".equals(source)) {
                List<String> why = new ArrayList<>();
                if (note != null) {
                    why.add(note);
                }
                for (ObjectFileSource src : options.sources()) {
                    ObjectFileSource.Located l;
                    try {
                        l = src.find(buildId).orElse(null);
                    } catch (IOException e) {
                        why.add(src.describe() + ": " + e.getMessage());
                        continue;
                    }
                    if (l == null) {
                        why.add("not in " + src.describe());
                        continue;
                    }
                    try {
                        ElfFile candidate = elfFile(l.path());
                        String fileBid = candidate.buildId().orElse(null);
                        if (!buildId.equals(fileBid)) {
                            why.add(l.how() + " has build-id " + fileBid + ", not " + buildId + "; it is not used");
                        } else if (!holdsCode(candidate)) {
                            why.add(l.how() + " holds no code (a separate debug file: its code sections are"
                                    + " NOBITS); it is not used");
                        } else {
                            file = l.path().toString();
                            fileSource = l.how();
                            note = null;
                            break;
                        }
                    } catch (IOException | MalformedFileException e) {
                        why.add("cannot read " + l.path() + ": " + reason(e));
                    }
                }
                if (file == null && !options.sources().isEmpty()) {
                    note = "no file with build-id " + buildId + " was found"
                            + (options.sysroot() != null ? " (not at " + first.path() + " under --sysroot "
                            + options.sysroot() + ")" : "") + ": " + String.join("; ", why);
                }
            }
            if (file == null && note == null) {
                note = missingFile(first.path(), buildId);
            }
            out.add(new LoadedObject(first.path(), first.start(), g.get(g.size() - 1).end(), g, elf, buildId, source,
                    file, fileSource, note));
        }
        return out;
    }

    /** True when the file has its code: some executable section with bytes in the file. */
    private static boolean holdsCode(ElfFile f) {
        boolean anyExec = false;
        for (org.kpaudit.model.Section sec : f.sections()) {
            if (sec.hasFlag(org.kpaudit.model.Section.SHF_EXECINSTR)) {
                anyExec = true;
                if (sec.hasFileData() && sec.size() > 0) {
                    return true;
                }
            }
        }
        return !anyExec; // no section table (stripped of it): the segments are all there is
    }

    /** Why no file was found for an object whose build-id is known (or not). */
    private String missingFile(String path, String buildId) {
        if (!options.anyFiles()) {
            return "no file to compare with: give --sysroot, --debug-dir or --debuginfod (the core names "
                    + path + ", which is not read from this machine without --sysroot)";
        }
        if (buildId == null) {
            return "its build-id is not in the image and no file was found at " + path + " under the sysroot";
        }
        return "no file with build-id " + buildId + " was found" + (options.sysroot() != null ? " (not at " + path
                + " under --sysroot " + options.sysroot() + ")" : "") + (options.sources().isEmpty() ? ""
                        : " by build-id in the given places");
    }

    private ElfFile elfFile(Path f) throws IOException {
        ElfFile e = parsed.get(f);
        if (e == null) {
            e = ElfParser.parse(f);
            parsed.put(f, e);
        }
        return e;
    }

    /** The file of a mapped path under the sysroot, when there is one and it is a regular file. */
    private Path fileOf(String mapped) {
        if (options.sysroot() == null || mapped == null || !mapped.startsWith("/")) {
            return null;
        }
        String p = mapped.endsWith(" (deleted)") ? null : mapped;
        if (p == null) {
            return null;
        }
        Path f = options.sysroot().resolve(p.substring(1)).normalize();
        if (!f.startsWith(options.sysroot().normalize())) {
            return null;
        }
        return Files.isRegularFile(f) ? f : null;
    }

    private static String reason(Exception e) {
        if (e instanceof MalformedFileException m) {
            return m.problem().reason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    // ------------------------------------------------------------------ search

    /** Addresses of page starts that hold {@code KPATCH1\0}. */
    private List<Long> findMagic() throws IOException {
        List<AddressRange> ranges = new ArrayList<>();
        if (mem.kind() == MemoryImage.Kind.CORE) {
            ranges.addAll(mem.present());
        } else {
            for (AddressRange r : mem.present()) {
                Mapping m = mem.mappingAt(r.start());
                if (m != null && m.executable() && m.anonymous()) {
                    ranges.add(r);
                } else {
                    ranges.add(new AddressRange(r.start(), r.start() + Math.min(PAGE, r.length())));
                }
            }
        }
        List<Long> hits = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (AddressRange r : ranges) {
            long a = (r.start() + PAGE - 1) & -PAGE;
            while (Long.compareUnsigned(a, r.end()) < 0 && Long.compareUnsigned(a, r.start()) >= 0) {
                long left = r.end() - a;
                int want = (int) Math.min(CHUNK, Long.compareUnsigned(left, CHUNK) > 0 ? CHUNK : left);
                buf.clear().limit(want);
                int n = mem.read(a, buf);
                bytesScanned += n;
                for (int p = 0; p + 8 <= n; p += PAGE) {
                    if (buf.getLong(p) == MAGIC) {
                        hits.add(a + p);
                    }
                }
                if (n < want) {
                    break; // the rest of this range is not readable
                }
                a += want;
            }
        }
        return hits;
    }

    // ------------------------------------------------------------------ one region

    private void region(long at, List<LoadedObject> objects, List<PatchRegion> regions, List<StrayHeader> strays)
            throws IOException {
        Mapping m = mem.mappingAt(at);
        String where = m == null ? "?" : m.path() != null ? m.path() : "[anonymous] " + m.perms();
        long fileOffset = mem.fileOffset(at);
        byte[] head = mem.read(at, HEADER_READ);
        KpatchHeader h;
        try {
            h = KpatchParser.header(mem.name() + " at 0x" + Long.toHexString(at), ByteBuffer.wrap(head));
        } catch (MalformedFileException e) {
            strays.add(new StrayHeader(at, fileOffset, where, null, "header not readable: " + e.problem().reason()));
            return;
        }
        boolean runtime = h.userInfo() != 0 || h.userUndo() != 0 || h.jmpOffset() != 0
                || (h.elfOffset() != null && h.elfOffset() != 0)
                || (h.kpatchTotalMemSize() != null && h.kpatchTotalMemSize() != 0);
        if (!runtime) {
            strays.add(new StrayHeader(at, fileOffset, where, h.id(), "its run-time fields are all zero: a copy of a"
                    + " .kpatch file in memory, not an applied patch"));
            return;
        }
        List<String> problems = new ArrayList<>();
        // the mappings the region spans: contiguous, anonymous, from the one that holds the header
        List<Mapping> spans = new ArrayList<>();
        long runEnd = at;
        for (Mapping x : mem.mappings()) {
            if (Long.compareUnsigned(x.end(), at) <= 0) {
                continue;
            }
            if (spans.isEmpty()) {
                if (!x.contains(at)) {
                    break;
                }
            } else if (x.start() != runEnd || x.fileBacked()) {
                break;
            }
            spans.add(x);
            runEnd = x.end();
        }
        long mapped = runEnd - at;
        long size = mapped;
        if (h.kpatchTotalMemSize() != null && h.kpatchTotalMemSize() != 0) {
            size = h.kpatchTotalMemSize();
            if (Long.compareUnsigned(size, mapped) > 0) {
                problems.add("kpatch_total_mem_sz is 0x" + Long.toHexString(size) + " but only 0x"
                        + Long.toHexString(mapped) + " bytes are mapped from the region's start");
            }
        }
        long limit = at + (Long.compareUnsigned(size, mapped) > 0 ? mapped : size);
        spans.removeIf(x -> Long.compareUnsigned(x.start(), limit) >= 0); // a neighbour that is not the region's
        // the ELF copy: its e_machine tells the architecture (and so the hunk size)
        long elfOff = h.layout().hasElfOffset() && h.elfOffset() != null && h.elfOffset() != 0 ? h.elfOffset()
                : h.kpatchOffset();
        long elfAddress = at + elfOff;
        Code machine = mem.machine();
        byte[] eh = mem.read(elfAddress, 20);
        if (eh.length == 20 && eh[0] == 0x7f && eh[1] == 'E' && eh[2] == 'L' && eh[3] == 'F') {
            int em = (eh[18] & 0xff) | ((eh[19] & 0xff) << 8);
            machine = machineCode(em, machine);
        } else {
            problems.add("no ELF copy at 0x" + Long.toHexString(elfAddress) + " (elf_offset 0x" + Long.toHexString(elfOff)
                    + "): " + (eh.length < 20 ? mem.whyUnavailable(elfAddress + eh.length) : "no ELF magic"));
        }
        int hunk = Jumps.hunkSize(machine);
        // jump table
        JumpTable jt = null;
        if (h.jmpOffset() != 0) {
            long ja = at + h.jmpOffset();
            long room = Long.compareUnsigned(ja, limit) < 0 ? limit - ja : 0;
            byte[] jb = mem.read(ja, (int) Math.min(room, PatchRegionParser.JUMP_HEADER + 16L * MAX_RECORDS));
            try {
                jt = PatchRegionParser.jumpTable(mem.name(), mem.fileOffset(ja), ByteBuffer.wrap(jb));
            } catch (MalformedFileException e) {
                problems.add("jump table at 0x" + Long.toHexString(ja) + ": " + e.problem().reason());
            }
        }
        Map<Integer, String> importNames = jt == null ? Map.of() : importNames(at, h, elfAddress, limit, jt);
        // info records, up to the terminator
        long infoAddr = at + h.userInfo();
        List<RuntimeInfoRecord> raw = List.of();
        boolean terminated = false;
        if (h.userInfo() == 0 || Long.compareUnsigned(infoAddr, limit) >= 0) {
            problems.add("user_info 0x" + Long.toHexString(h.userInfo()) + " is outside the region");
        } else {
            long room = limit - infoAddr;
            int len = (int) Math.min(room, 48L * MAX_RECORDS + 24);
            byte[] ib = mem.read(infoAddr, len);
            PatchRegionParser.InfoList list = PatchRegionParser.infoRecords(mem.name(), mem.fileOffset(infoAddr),
                    ByteBuffer.wrap(ib), MAX_RECORDS);
            raw = list.records();
            terminated = list.terminated();
            if (!terminated) {
                problems.add("no info terminator after " + raw.size() + " records: "
                        + (ib.length < len ? mem.whyUnavailable(infoAddr + ib.length) : "the region ends first"));
            }
        }
        // records: name, entry bytes, saved bytes
        List<AppliedRecord> records = new ArrayList<>();
        long undo = at + h.userUndo();
        for (RuntimeInfoRecord r : raw) {
            String name = null;
            if (r.symstr() != 0) {
                byte[] nb = mem.read(r.symstr(), 512);
                int end = 0;
                while (end < nb.length && nb[end] != 0) {
                    end++;
                }
                if (end < nb.length) {
                    name = Names.decode(Arrays.copyOf(nb, end));
                }
            }
            String function = name != null && !r.isNew() && name.endsWith(".kpatch")
                    ? name.substring(0, name.length() - ".kpatch".length()) : name;
            long recAddr = infoAddr + 48L * r.index();
            byte[] entry = new byte[0];
            String entryProblem = null;
            Long entryTarget = null;
            long entryOff = -1;
            byte[] expected = new byte[0];
            byte[] saved = new byte[0];
            Long savedTarget = null;
            long savedAddr = undo + (long) hunk * r.index();
            if (!r.isNew()) {
                entry = mem.read(r.daddr(), ENTRY_BYTES);
                entryOff = mem.fileOffset(r.daddr());
                if (entry.length < hunk) {
                    entryProblem = mem.whyUnavailable(r.daddr() + entry.length);
                    entry = new byte[0];
                } else {
                    entryTarget = Jumps.target(machine, r.daddr(), entry, mem);
                }
                expected = Jumps.trampoline(machine, r.daddr(), r.saddr());
                if (h.userUndo() != 0 && Long.compareUnsigned(savedAddr, limit) < 0) {
                    saved = mem.read(savedAddr, hunk);
                    if (saved.length == hunk) {
                        savedTarget = Jumps.target(machine, r.daddr(), saved, mem);
                    } else {
                        problems.add("saved bytes of record " + r.index() + " at 0x" + Long.toHexString(savedAddr)
                                + ": " + mem.whyUnavailable(savedAddr + saved.length));
                        saved = new byte[0];
                    }
                }
            }
            RecordState state = r.isNew() ? RecordState.NEW_FUNCTION : RecordState.UNKNOWN;
            records.add(new AppliedRecord(recAddr, r, name, function, entry, entryOff, entryProblem, entryTarget,
                    expected, saved, savedAddr, mem.fileOffset(savedAddr), savedTarget, state));
        }
        if (h.userUndo() == 0 || Long.compareUnsigned(undo, limit) >= 0) {
            problems.add("user_undo 0x" + Long.toHexString(h.userUndo()) + " is outside the region");
        }
        // association: by build-id (libcare's rule) and by where the records point
        LoadedObject byBuildId = null;
        for (LoadedObject o : objects) {
            if (o.buildId() != null && o.buildId().equals(h.buildId())) {
                byBuildId = o;
                break;
            }
        }
        LoadedObject patched = null;
        for (AppliedRecord r : records) {
            if (!r.isNew()) {
                for (LoadedObject o : objects) {
                    if (o.contains(r.raw().daddr())) {
                        patched = o;
                        break;
                    }
                }
                if (patched != null) {
                    break;
                }
            }
        }
        regions.add(new PatchRegion(at, size, fileOffset, spans, h, machine, hunk, elfAddress, jt, importNames, records,
                terminated, byBuildId, patched, null, problems));
    }

    /** Most bytes of a region's ELF copy read to name the jump table entries. */
    static final int MAX_ELF_COPY = 16 << 20;

    /**
     * The import each jump table entry serves: the loader sets an import's st_value to its
     * entry's address in the region's (relocated) ELF copy (kpatch-format.md 3.4).
     */
    private Map<Integer, String> importNames(long at, KpatchHeader h, long elfAddress, long limit, JumpTable jt)
            throws IOException {
        long len = h.totalSize() - h.kpatchOffset();
        if (len <= 0 || Long.compareUnsigned(elfAddress, limit) >= 0) {
            return Map.of();
        }
        len = Math.min(Math.min(len, limit - elfAddress), MAX_ELF_COPY);
        byte[] copy = mem.read(elfAddress, (int) len);
        Map<Long, Integer> byAddress = new HashMap<>();
        long table = at + h.jmpOffset() + PatchRegionParser.JUMP_HEADER;
        for (JumpTable.Entry e : jt.entries()) {
            byAddress.put(table + (long) PatchRegionParser.JUMP_ENTRY * e.index(), e.index());
        }
        Map<Integer, String> out = new TreeMap<>();
        try {
            ElfFile elf = ElfParser.parse("ELF copy of the patch at 0x" + Long.toHexString(at), ByteBuffer.wrap(copy));
            for (Symbol s : elf.symbols(SymbolTableKind.SYMTAB)) {
                Integer i = byAddress.get(s.value());
                if (i != null && s.isUndefined() && s.name() != null) {
                    out.putIfAbsent(i, s.name());
                }
            }
        } catch (MalformedFileException | java.nio.BufferUnderflowException e) {
            return Map.of();
        }
        return out;
    }

    private static Code machineCode(int em, Code fallback) {
        return switch (em) {
            case 62 -> new Code(62, "X86_64");
            case 183 -> new Code(183, "AARCH64");
            case 243 -> new Code(243, "RISCV");
            case 258 -> new Code(258, "LOONGARCH");
            default -> fallback != null && fallback.value() == em ? fallback : new Code(em, null);
        };
    }

    // ------------------------------------------------------------------ stacking

    /** Rebuilds each patched function's stack; returns the regions with their record states set. */
    private List<PatchRegion> stacks(List<PatchRegion> regions, List<LoadedObject> objects,
            List<PatchedFunction> functions) {
        // every changed record, by function entry
        Map<Long, List<PatchedFunction.Ref>> byDaddr = new TreeMap<>(Long::compareUnsigned);
        Map<String, AppliedRecord> recordOf = new HashMap<>();
        Map<String, PatchRegion> regionOf = new HashMap<>();
        for (PatchRegion p : regions) {
            for (AppliedRecord r : p.records()) {
                if (r.isNew()) {
                    continue;
                }
                PatchedFunction.Ref ref = new PatchedFunction.Ref(p.address(), p.label(), r.index(), r.raw().saddr());
                byDaddr.computeIfAbsent(r.raw().daddr(), k -> new ArrayList<>()).add(ref);
                recordOf.put(key(ref), r);
                regionOf.put(key(ref), p);
            }
        }
        Map<String, RecordState> states = new HashMap<>();
        for (Map.Entry<Long, List<PatchedFunction.Ref>> e : byDaddr.entrySet()) {
            long daddr = e.getKey();
            List<PatchedFunction.Ref> refs = e.getValue();
            AppliedRecord any = recordOf.get(key(refs.get(0)));
            String function = null;
            for (PatchedFunction.Ref ref : refs) {
                if (recordOf.get(key(ref)).function() != null) {
                    function = recordOf.get(key(ref)).function();
                    break;
                }
            }
            LoadedObject object = null;
            for (LoadedObject o : objects) {
                if (o.contains(daddr)) {
                    object = o;
                }
            }
            byte[] entry = any.entry();
            if (entry.length == 0) {
                for (PatchedFunction.Ref ref : refs) {
                    states.put(key(ref), RecordState.UNKNOWN);
                }
                functions.add(new PatchedFunction(daddr, function, object, entry, any.entryFileOffset(), null, List.of(),
                        new byte[0], null, List.of(), new byte[0], FileComparison.UNREADABLE));
                continue;
            }
            List<PatchedFunction.Ref> stack = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Long cur = any.entryTarget();
            byte[] last = entry;
            Long lastTarget = cur;
            while (cur != null) {
                PatchedFunction.Ref next = null;
                for (PatchedFunction.Ref ref : refs) {
                    if (ref.saddr() == cur && !seen.contains(key(ref))) {
                        next = ref;
                        break;
                    }
                }
                if (next == null) {
                    break;
                }
                seen.add(key(next));
                stack.add(next);
                AppliedRecord r = recordOf.get(key(next));
                last = r.saved();
                lastTarget = r.savedTarget();
                cur = r.savedTarget();
                if (last.length == 0) {
                    break;
                }
            }
            List<PatchedFunction.Ref> inactive = new ArrayList<>();
            for (PatchedFunction.Ref ref : refs) {
                if (!seen.contains(key(ref))) {
                    inactive.add(ref);
                    states.put(key(ref), RecordState.INACTIVE);
                }
            }
            for (int i = 0; i < stack.size(); i++) {
                states.put(key(stack.get(i)), i == 0 ? RecordState.ACTIVE : RecordState.STACKED);
            }
            byte[] original = stack.isEmpty() ? new byte[0] : last;
            Long originalTarget = stack.isEmpty() ? null : lastTarget;
            functions.add(new PatchedFunction(daddr, function, object, entry, any.entryFileOffset(), any.entryTarget(),
                    stack, original, originalTarget, inactive, new byte[0], FileComparison.NO_FILE));
        }
        List<PatchRegion> out = new ArrayList<>();
        for (PatchRegion p : regions) {
            List<AppliedRecord> rs = new ArrayList<>();
            for (AppliedRecord r : p.records()) {
                RecordState s = states.get(p.address() + "#" + r.index());
                rs.add(s == null ? r : r.withState(s));
            }
            out.add(p.with(rs, p.disk()));
        }
        return out;
    }

    private static String key(PatchedFunction.Ref ref) {
        return ref.region() + "#" + ref.index();
    }

    // ------------------------------------------------------------------ files on disk

    private List<PatchRegion> compareWithDisk(List<PatchRegion> regions) throws IOException {
        PatchIndex index = PatchIndex.of(options.patches(), warnings);
        List<PatchRegion> out = new ArrayList<>();
        for (PatchRegion p : regions) {
            PatchIndex.Entry e = index.find(p.header().buildId(), p.header().id());
            out.add(e == null ? p : p.with(p.records(), DiskComparator.compare(mem, p, e.path(), e.patch())));
        }
        return out;
    }

    // ------------------------------------------------------------------ original bytes against files

    /** Compares the bytes the oldest patch of each function saved with the object's file. */
    private List<PatchedFunction> originalsAgainstFiles(List<PatchedFunction> functions) {
        List<PatchedFunction> out = new ArrayList<>();
        for (PatchedFunction f : functions) {
            byte[] original = f.original();
            if (f.stack().isEmpty() || original.length == 0) {
                out.add(f.entry().length == 0 ? f : f.withFile(new byte[0],
                        original.length == 0 && !f.stack().isEmpty() ? FileComparison.UNREADABLE : f.originalVsFile()));
                continue;
            }
            LoadedObject o = f.object();
            if (o == null || o.file() == null) {
                out.add(f.withFile(new byte[0], FileComparison.NO_FILE));
                continue;
            }
            try {
                ElfFile elf = elfFile(Path.of(o.file()));
                long bias = bias(o, elf);
                long fo = bias == Long.MIN_VALUE ? -1 : fileOffsetOf(elf, f.address() - bias);
                byte[] fb = fo < 0 ? new byte[0] : elf.read(fo, original.length);
                if (fb.length < original.length) {
                    out.add(f.withFile(fb, FileComparison.UNREADABLE));
                } else {
                    out.add(f.withFile(fb, Arrays.equals(fb, original) ? FileComparison.MATCH : FileComparison.DIFFERS));
                }
            } catch (IOException | MalformedFileException e) {
                out.add(f.withFile(new byte[0], FileComparison.UNREADABLE));
            }
        }
        return out;
    }

    /** Load bias of an object: where its first mapping is minus its file's first PT_LOAD page; MIN_VALUE when none. */
    private static long bias(LoadedObject o, ElfFile elf) {
        long lowest = -1;
        for (Segment s : elf.segments()) {
            if (s.type().is("LOAD") && (lowest == -1 || Long.compareUnsigned(s.vaddr(), lowest) < 0)) {
                lowest = s.vaddr();
            }
        }
        return lowest == -1 ? Long.MIN_VALUE : o.start() - (lowest & -PAGE);
    }

    // ------------------------------------------------------------------ code against files

    /** Most differing runs reported per object (the rest are counted in the last one). */
    static final int MAX_RUNS = 4096;

    /** Equal bytes that still join two differing runs into one change. */
    static final int JOIN = 8;

    /** Bytes compared per step. */
    static final int COMPARE_CHUNK = 1 << 16;

    /** The function symbols of an object, sorted by address, to name the function a byte belongs to. */
    private record FunctionIndex(long[] starts, long[] sizes, String[] names) {

        static FunctionIndex of(List<long[]> ranges, List<String> names) {
            Integer[] order = new Integer[ranges.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compareUnsigned(ranges.get(a)[0], ranges.get(b)[0]));
            long[] st = new long[order.length];
            long[] sz = new long[order.length];
            String[] nm = new String[order.length];
            for (int i = 0; i < order.length; i++) {
                st[i] = ranges.get(order[i])[0];
                sz[i] = ranges.get(order[i])[1];
                nm[i] = names.get(order[i]);
            }
            return new FunctionIndex(st, sz, nm);
        }

        /** The function containing {@code a} as {@code name} or {@code name+0x12}, or null. */
        String at(long a) {
            int lo = 0;
            int hi = starts.length - 1;
            int best = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(starts[mid], a) <= 0) {
                    best = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (best < 0 || names[best] == null) {
                return null;
            }
            long off = a - starts[best];
            if (off != 0 && (sizes[best] == 0 || Long.compareUnsigned(off, sizes[best]) >= 0)) {
                return null;
            }
            return off == 0 ? names[best] : names[best] + "+0x" + Long.toHexString(off);
        }

        boolean isStart(long a) {
            return Arrays.binarySearch(starts, a) >= 0; // starts are below 2^63 in user space
        }
    }

    /**
     * The code of every object whose file is available, compared byte for byte with the file
     * where the image holds it: every change no applied patch explains (a jump anywhere, not only
     * at function entries) is kept, with the function it is in.
     */
    private List<EntryHook> fileHooks(ScanResult so) throws IOException {
        Set<Long> explained = explainedBytes(so);
        List<EntryHook> out = new ArrayList<>();
        for (LoadedObject o : so.objects()) {
            if (o.file() == null || !o.executable()) {
                continue;
            }
            ElfFile elf;
            try {
                elf = elfFile(Path.of(o.file()));
            } catch (IOException | MalformedFileException e) {
                warnings.add(new Problem(o.file(), -1, "cannot read for the code comparison: " + reason(e)));
                continue;
            }
            long bias = bias(o, elf);
            if (bias == Long.MIN_VALUE) {
                continue;
            }
            FunctionIndex fns;
            try {
                fns = functions(elf, bias);
            } catch (MalformedFileException e) {
                warnings.add(e.problem());
                fns = FunctionIndex.of(List.of(), List.of());
            }
            for (long a : fns.starts()) {
                long present = mem.read(a, new byte[1], 0, 1);
                Mapping m = present == 1 ? mem.mappingAt(a) : null;
                if (m != null && m.executable() && o.contains(a)) {
                    functionsCompared++;
                }
            }
            int runs = 0;
            for (Mapping m : o.mappings()) {
                if (!m.executable() || m.presentBytes() <= 0) {
                    continue;
                }
                long len = m.presentBytes();
                long runStart = -1;
                long runEnd = -1;
                for (long done = 0; done < len; done += COMPARE_CHUNK) {
                    int n = (int) Math.min(COMPARE_CHUNK, len - done);
                    byte[] mb = mem.read(m.start() + done, n);
                    byte[] fb = elf.read(m.fileOffset() + done, mb.length);
                    int k = Math.min(mb.length, fb.length);
                    for (int i = 0; i < k; i++) {
                        if (mb[i] == fb[i]) {
                            continue;
                        }
                        long a = m.start() + done + i;
                        if (explained.contains(a)) {
                            continue;
                        }
                        if (runStart >= 0 && a - runEnd <= JOIN) {
                            runEnd = a + 1;
                            continue;
                        }
                        if (runStart >= 0 && runs++ < MAX_RUNS) {
                            out.add(change(so, o, elf, bias, fns, runStart, runEnd));
                        }
                        runStart = a;
                        runEnd = a + 1;
                    }
                    if (k < n) {
                        break; // the file is shorter than the mapping, or the image stops: nothing more to compare
                    }
                }
                if (runStart >= 0 && runs++ < MAX_RUNS) {
                    out.add(change(so, o, elf, bias, fns, runStart, runEnd));
                }
            }
            if (runs > MAX_RUNS) {
                warnings.add(new Problem(so.input(), -1, o.path() + ": " + runs + " changed places in its code; the first "
                        + MAX_RUNS + " are reported"));
            }
        }
        return out;
    }

    /** One changed run of code, [start, end), as a hook when a jump starts in it or just before it. */
    private EntryHook change(ScanResult so, LoadedObject o, ElfFile elf, long bias, FunctionIndex fns, long start,
            long end) throws IOException {
        // the jump may start a few bytes before the first changed byte (an E9 already at the entry)
        long from = start;
        Jumps.Jump jump = null;
        for (long a = start; Long.compareUnsigned(a, start - 4) >= 0 && Long.compareUnsigned(a, start) <= 0; a--) {
            byte[] w = mem.read(a, ENTRY_BYTES);
            Jumps.Jump j = Jumps.decode(so.machine(), a, w, 0, w.length, mem);
            if (j != null && Long.compareUnsigned(a + j.length(), start) > 0) {
                jump = j;
                from = a;
                break;
            }
            if (a == 0) {
                break;
            }
        }
        int len = (int) Math.min(Math.max(end - from, jump == null ? 0 : jump.length()), ENTRY_BYTES);
        len = Math.max(len, 1);
        byte[] mb = mem.read(from, len);
        long fo = fileOffsetOf(elf, from - bias);
        byte[] fb = fo < 0 ? new byte[0] : elf.read(fo, mb.length);
        Long target = jump == null ? null : jump.target();
        String symbol = fns.at(from);
        return new EntryHook(from, symbol, o, mb, fb, mem.fileOffset(from), target,
                target == null ? null : so.describe(target), jump == null ? null : jump.kind(),
                target == null ? null : mem.mappingAt(target), EntryHook.BY_FILE);
    }

    /** The defined functions of an object's file (.symtab, else .dynsym) at their run-time addresses. */
    private static FunctionIndex functions(ElfFile elf, long bias) {
        List<Symbol> syms = elf.symbols(SymbolTableKind.SYMTAB);
        if (syms.isEmpty()) {
            syms = elf.symbols(SymbolTableKind.DYNSYM);
        }
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<Long> done = new HashSet<>();
        for (Symbol s : syms) {
            if (!s.type().is("FUNC") || s.shndx() == 0 || s.value() == 0 || !s.isDefinedInSection()) {
                continue;
            }
            if (ranges.size() >= MAX_SYMBOLS) {
                break;
            }
            long a = bias + s.value();
            if (done.add(a)) {
                ranges.add(new long[] {a, s.size()});
                names.add(s.name());
            }
        }
        return FunctionIndex.of(ranges, names);
    }

    /**
     * Bytes the applied patches account for: the jump each patch record writes at its function's
     * entry ({@code hunk} bytes at daddr). A stack whose jumps do not add up is SC101's business,
     * found from the records, not here.
     */
    private static Set<Long> explainedBytes(ScanResult so) {
        Set<Long> out = new HashSet<>();
        for (PatchRegion p : so.regions()) {
            for (AppliedRecord r : p.records()) {
                if (!r.isNew()) {
                    for (int i = 0; i < Math.max(p.hunkSize(), r.expectedJump().length); i++) {
                        out.add(r.raw().daddr() + i);
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ memory only

    /** Most dynamic symbols read from one object in memory. */
    static final int MAX_MEMORY_SYMBOLS = 1 << 18;

    /** Most bytes of one mapping examined from memory alone. */
    static final long MAX_EXAMINED = 256L << 20;

    /**
     * Jumps found from memory alone, in the code of objects whose file is not available (cores
     * from other machines): at every function entry the image names (the objects' in-memory
     * .dynsym) any decoded jump to an anonymous executable mapping, a writable and executable one,
     * or no mapping at all; anywhere else in the code the image holds, such a jump to an anonymous
     * executable or writable-and-executable mapping (a jump "to nowhere" at an arbitrary byte is
     * too often data, not code). Addresses already reported from a file comparison are skipped.
     */
    private List<EntryHook> memoryHooks(ScanResult so, List<EntryHook> already) throws IOException {
        Set<Long> explained = explainedBytes(so);
        Set<Long> reported = new HashSet<>();
        for (EntryHook h : already) {
            reported.add(h.address());
        }
        boolean aarch64 = so.machine() != null && "AARCH64".equals(so.machine().name());
        List<EntryHook> out = new ArrayList<>();
        for (LoadedObject o : so.objects()) {
            if (o.file() != null || !o.executable() || o.codeInImage() == 0) {
                continue;
            }
            FunctionIndex fns = FunctionIndex.of(List.of(), List.of());
            if (o.elf() != null) {
                List<long[]> ranges = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (MemorySymbol ms : LoadedElfReader.dynamicFunctions(mem, o.elf(), MAX_MEMORY_SYMBOLS)) {
                    ranges.add(new long[] {ms.address(), ms.size()});
                    names.add(ms.name());
                }
                fns = FunctionIndex.of(ranges, names);
            }
            for (Mapping m : o.mappings()) {
                if (!m.executable() || m.presentBytes() <= 0) {
                    continue;
                }
                long len = Math.min(m.presentBytes(), MAX_EXAMINED);
                if (len < m.presentBytes()) {
                    warnings.add(new Problem(so.input(), -1, o.path() + ": only the first " + (MAX_EXAMINED >> 20)
                            + " MiB of the mapping at 0x" + Long.toHexString(m.start()) + " were examined for jumps"));
                }
                codeExamined += len;
                for (long done = 0; done < len; done += CHUNK) {
                    int want = (int) Math.min(CHUNK + ENTRY_BYTES, len - done);
                    byte[] b = mem.read(m.start() + done, want);
                    int limit = (int) Math.min(CHUNK, b.length);
                    for (int i = 0; i < limit; i += aarch64 ? 4 : 1) {
                        long a = m.start() + done + i;
                        if (!aarch64 && !maybeJump(b[i])) {
                            continue;
                        }
                        Jumps.Jump j = Jumps.decode(so.machine(), a, b, i, b.length - i, mem);
                        if (j == null || explained.contains(a) || reported.contains(a)) {
                            continue;
                        }
                        boolean entry = fns.isStart(a);
                        Mapping tm = mem.mappingAt(j.target());
                        if (!suspiciousTarget(so, tm, entry)) {
                            continue;
                        }
                        reported.add(a);
                        byte[] mb = Arrays.copyOfRange(b, i, Math.min(b.length, i + Math.max(j.length(), 5)));
                        out.add(new EntryHook(a, fns.at(a), o, mb, new byte[0], mem.fileOffset(a), j.target(),
                                so.describe(j.target()), j.kind(), tm, entry ? EntryHook.BY_ENTRY : EntryHook.BY_SCAN));
                    }
                    if (b.length < want) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean maybeJump(byte b) {
        int v = b & 0xff;
        return v == 0xe9 || v == 0xff || v == 0x48 || v == 0x49 || v == 0x68;
    }

    /**
     * A target where no object's code is: an anonymous executable mapping that is no applied
     * patch's, a writable and executable mapping, or (at a function entry) no mapping at all.
     */
    private static boolean suspiciousTarget(ScanResult so, Mapping tm, boolean entry) {
        if (tm == null) {
            return entry;
        }
        if (!tm.executable() || kernelPage(tm)) {
            return false;
        }
        if (tm.writable()) {
            return true;
        }
        return tm.anonymous() && so.regionAt(tm.start()) == null;
    }

    /** Pages the kernel maps into every process: not injected code. */
    static boolean kernelPage(Mapping m) {
        String p = m.path();
        return p != null && (p.equals("[vdso]") || p.equals("[vsyscall]") || p.equals("[vectors]")
                || p.equals("[sigpage]") || p.equals("[uprobes]"));
    }

    // ------------------------------------------------------------------ anonymous code

    /** Bytes of an anonymous mapping looked at to tell whether it holds anything. */
    static final int CODE_PROBE = 1 << 20;

    /** Executable mappings no file backs, and writable-and-executable ones, that no applied patch accounts for. */
    private List<AnonymousCode> anonymousCode(ScanResult so) throws IOException {
        List<AnonymousCode> out = new ArrayList<>();
        for (Mapping m : so.mappings()) {
            if (!m.executable() || kernelPage(m) || !(m.anonymous() || m.writable())) {
                continue;
            }
            if (so.regionAt(m.start()) != null) {
                continue; // a LibcarePlus patch region
            }
            byte[] first = mem.read(m.start(), 16);
            boolean code = false;
            long probe = Math.min(m.presentBytes(), CODE_PROBE);
            for (long done = 0; done < probe && !code; done += PAGE) {
                byte[] b = mem.read(m.start() + done, (int) Math.min(PAGE, probe - done));
                for (byte x : b) {
                    if (x != 0) {
                        code = true;
                        break;
                    }
                }
                if (b.length == 0) {
                    break;
                }
            }
            out.add(new AnonymousCode(m, first, first.length == 0 ? -1 : mem.fileOffset(m.start()), code));
        }
        return out;
    }

    /** The file offset of a virtual address of an ELF file (through its PT_LOADs), or -1. */
    private static long fileOffsetOf(ElfFile elf, long vaddr) {
        for (Segment s : elf.segments()) {
            if (s.type().is("LOAD") && Long.compareUnsigned(vaddr, s.vaddr()) >= 0
                    && Long.compareUnsigned(vaddr - s.vaddr(), s.filesz()) < 0) {
                return s.offset() + (vaddr - s.vaddr());
            }
        }
        return -1;
    }
}
