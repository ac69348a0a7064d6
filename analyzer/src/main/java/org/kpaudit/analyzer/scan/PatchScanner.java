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
        if (options.patches() != null) {
            regions = compareWithDisk(regions);
        }
        ScanResult partial = result(objects, regions, functions, List.of(), strays);
        List<EntryHook> hooks = entryHooks(partial);
        return result(objects, regions, functions, hooks, strays);
    }

    private ScanResult result(List<LoadedObject> objects, List<PatchRegion> regions, List<PatchedFunction> functions,
            List<EntryHook> hooks, List<StrayHeader> strays) {
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
                regions, functions, hooks, strays, bytesScanned, functionsCompared, warnings);
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
            Path f = fileOf(first.path());
            if (f != null) {
                file = f.toString();
                try {
                    String fileBid = elfFile(f).buildId().orElse(null);
                    if (buildId == null && fileBid != null) {
                        buildId = fileBid;
                        source = "file";
                        note = null;
                    } else if (buildId != null && fileBid != null && !buildId.equals(fileBid)) {
                        note = "the file " + f + " has build-id " + fileBid + ", not the one in memory; it is not used";
                        file = null;
                    }
                } catch (IOException | MalformedFileException e) {
                    note = "cannot read " + f + ": " + reason(e);
                    file = null;
                }
            }
            out.add(new LoadedObject(first.path(), first.start(), g.get(g.size() - 1).end(), g, elf, buildId, source,
                    file, note));
        }
        return out;
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
                        new byte[0], null, List.of()));
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
                    stack, original, originalTarget, inactive));
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

    // ------------------------------------------------------------------ entries against files

    /** Function entries whose memory differs from their file and that no patch explains. */
    private List<EntryHook> entryHooks(ScanResult so) throws IOException {
        Set<Long> patchedEntries = new HashSet<>();
        for (PatchedFunction f : so.functions()) {
            patchedEntries.add(f.address());
        }
        List<EntryHook> out = new ArrayList<>();
        for (LoadedObject o : so.objects()) {
            if (o.file() == null) {
                continue;
            }
            ElfFile elf;
            try {
                elf = elfFile(Path.of(o.file()));
            } catch (IOException | MalformedFileException e) {
                warnings.add(new Problem(o.file(), -1, "cannot read for entry comparison: " + reason(e)));
                continue;
            }
            long lowest = -1;
            for (Segment s : elf.segments()) {
                if (s.type().is("LOAD") && (lowest == -1 || Long.compareUnsigned(s.vaddr(), lowest) < 0)) {
                    lowest = s.vaddr();
                }
            }
            if (lowest == -1) {
                continue;
            }
            long bias = o.start() - (lowest & -PAGE);
            List<Symbol> syms;
            try {
                syms = elf.symbols(SymbolTableKind.SYMTAB);
                if (syms.isEmpty()) {
                    syms = elf.symbols(SymbolTableKind.DYNSYM);
                }
            } catch (MalformedFileException e) {
                warnings.add(e.problem());
                continue;
            }
            Set<Long> done = new HashSet<>();
            int count = 0;
            for (Symbol s : syms) {
                if (!s.type().is("FUNC") || s.shndx() == 0 || s.value() == 0 || !s.isDefinedInSection()) {
                    continue;
                }
                if (++count > MAX_SYMBOLS) {
                    break;
                }
                long addr = bias + s.value();
                if (!done.add(addr) || patchedEntries.contains(addr)) {
                    continue;
                }
                int len = (int) (s.size() == 0 ? 5 : Long.compareUnsigned(s.size(), ENTRY_BYTES) > 0 ? ENTRY_BYTES : s.size());
                long fo = fileOffsetOf(elf, s.value());
                if (fo < 0) {
                    continue;
                }
                byte[] fb = elf.read(fo, len);
                byte[] mb = mem.read(addr, fb.length);
                if (mb.length < fb.length || fb.length == 0) {
                    continue; // not in the image: nothing to compare
                }
                functionsCompared++;
                if (Arrays.equals(mb, fb)) {
                    continue;
                }
                byte[] wide = mem.read(addr, ENTRY_BYTES);
                Long target = Jumps.target(so.machine(), addr, wide, mem);
                out.add(new EntryHook(addr, s.name(), o, mb, fb, mem.fileOffset(addr), target,
                        target == null ? null : so.describe(target)));
            }
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
