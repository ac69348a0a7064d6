package org.kpaudit.analyzer.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kpaudit.analyzer.PatchSubject.TargetStatus;
import org.kpaudit.analyzer.SymbolResolver;
import org.kpaudit.analyzer.TargetSet;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.MiniDebugInfo;

/**
 * Finds the target of each patch: among the {@code --target} files by build-id, else under a
 * {@code --sysroot} through its {@code .build-id} links and then by scanning its ELF files; and the
 * target's needed libraries (DT_NEEDED, transitively) through RUNPATH/RPATH ({@code $ORIGIN}) and
 * the sysroot's library directories. Symbol sizes come from the target's .symtab, a debug file
 * {@code .build-id/xx/rest.debug} under {@code --debug-dir} (or the sysroot's usr/lib/debug),
 * or MiniDebugInfo.
 */
public final class TargetResolver {

    /** The target chosen for one build-id and how it relates. */
    public record Resolution(TargetSet target, TargetStatus status) {
    }

    private static final int MAX_LIBRARIES = 512;
    private static final int MAX_SCANNED = 500_000;
    private static final List<String> BUILD_ID_DIRS = List.of(".build-id", "usr/lib/.build-id", "lib/.build-id",
            "usr/lib/debug/.build-id");

    private final List<Path> targetPaths;
    private final Path sysroot;
    private final Path debugDir;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Path, Optional<ElfFile>> parsed = new HashMap<>();
    private final Map<Path, TargetSet> sets = new HashMap<>();
    private Map<String, Path> scanIndex;
    private List<Path> givenOrder;

    private final List<org.kpaudit.analyzer.scan.ObjectFileSource> remote;

    public TargetResolver(List<Path> targets, Path sysroot, Path debugDir) {
        this(targets, sysroot, debugDir, List.of());
    }

    /**
     * As {@link #TargetResolver(List, Path, Path)}, and when no given file has a patch's build-id,
     * asks {@code remote} (debuginfod servers) for the target's executable.
     */
    public TargetResolver(List<Path> targets, Path sysroot, Path debugDir,
            List<org.kpaudit.analyzer.scan.ObjectFileSource> remote) {
        this.targetPaths = targets == null ? List.of() : List.copyOf(targets);
        this.sysroot = sysroot;
        this.debugDir = debugDir;
        this.remote = List.copyOf(remote);
    }

    private final List<Problem> remoteProblems = new ArrayList<>();

    /** Servers that failed to answer for a target (a warning: the patch's KP105 says it was not checked). */
    public List<Problem> remoteProblems() {
        return List.copyOf(remoteProblems);
    }

    /** Targets that could not be read. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    public boolean anyGiven() {
        return !targetPaths.isEmpty() || sysroot != null || !remote.isEmpty();
    }

    public synchronized Resolution resolve(String buildId) {
        String bid = buildId == null ? "" : buildId.toLowerCase(Locale.ROOT);
        if (!anyGiven()) {
            return new Resolution(null, TargetStatus.NOT_GIVEN);
        }
        List<Path> given = given();
        for (Path p : given) {
            ElfFile e = parse(p).orElse(null);
            if (e != null && e.buildId().map(b -> b.equals(bid)).orElse(false)) {
                return new Resolution(set(p, e, "--target"), TargetStatus.MATCH);
            }
        }
        if (sysroot != null && !bid.isEmpty()) {
            Optional<Resolution> r = fromSysroot(bid);
            if (r.isPresent()) {
                return r.get();
            }
        }
        for (org.kpaudit.analyzer.scan.ObjectFileSource src : remote) {
            try {
                var l = src.find(bid);
                if (l.isPresent()) {
                    ElfFile e = parse(l.get().path()).orElse(null);
                    if (e != null && e.buildId().map(bid::equals).orElse(false)) {
                        return new Resolution(set(l.get().path(), e, l.get().how()), TargetStatus.MATCH);
                    }
                }
            } catch (IOException e) {
                remoteProblems.add(new Problem(src.describe(), -1, "target " + bid + " not fetched: " + e.getMessage()));
            }
        }
        if (given.size() == 1 && sysroot == null) {
            ElfFile e = parse(given.get(0)).orElse(null);
            if (e != null) {
                return new Resolution(set(given.get(0), e, "--target"), TargetStatus.MISMATCH);
            }
        }
        return new Resolution(null, TargetStatus.NOT_FOUND);
    }

    private List<Path> given() {
        if (givenOrder == null) {
            givenOrder = new ArrayList<>();
            for (Path p : targetPaths) {
                if (parse(p).isPresent()) {
                    givenOrder.add(p);
                }
            }
        }
        return givenOrder;
    }

    private Optional<ElfFile> parse(Path p) {
        return parsed.computeIfAbsent(p, k -> {
            try {
                return Optional.of(ElfParser.parse(k));
            } catch (MalformedFileException e) {
                if (targetPaths.contains(k)) {
                    problems.add(e.problem());
                }
            } catch (IOException e) {
                if (targetPaths.contains(k)) {
                    problems.add(new Problem(k.toString(), -1, "cannot read the target: " + Inputs.ioReason(e)));
                }
            }
            return Optional.empty();
        });
    }

    private Optional<Resolution> fromSysroot(String bid) {
        if (bid.length() > 2) {
            for (String d : BUILD_ID_DIRS) {
                Path link = sysroot.resolve(d).resolve(bid.substring(0, 2)).resolve(bid.substring(2));
                Path real = reroot(link);
                if (real != null && Files.isRegularFile(real)) {
                    Optional<ElfFile> e = parse(real);
                    if (e.isPresent() && e.get().buildId().map(bid::equals).orElse(false)) {
                        return Optional.of(new Resolution(set(real, e.get(), "sysroot .build-id link " + link),
                                TargetStatus.MATCH));
                    }
                }
            }
        }
        Path p = scan().get(bid);
        if (p != null) {
            Optional<ElfFile> e = parse(p);
            if (e.isPresent()) {
                return Optional.of(new Resolution(set(p, e.get(), "sysroot scan"), TargetStatus.MATCH));
            }
        }
        return Optional.empty();
    }

    /** Follows symbolic links, re-rooting absolute link targets under the sysroot. */
    private Path reroot(Path p) {
        Path cur = p;
        for (int i = 0; i < 16; i++) {
            if (!Files.isSymbolicLink(cur)) {
                return Files.exists(cur) ? cur : null;
            }
            try {
                Path t = Files.readSymbolicLink(cur);
                cur = t.isAbsolute() && sysroot != null ? sysroot.resolve(t.toString().substring(1))
                        : cur.getParent().resolve(t).normalize();
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** Build-id to path of every ELF executable or shared object under the sysroot, built once. */
    private Map<String, Path> scan() {
        if (scanIndex != null) {
            return scanIndex;
        }
        Map<String, Path> index = new LinkedHashMap<>();
        int[] seen = {0};
        try {
            Files.walkFileTree(sysroot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    Path rel = sysroot.relativize(dir);
                    String r = rel.toString().replace('\\', '/');
                    if (r.equals("proc") || r.equals("sys") || r.equals("dev") || r.equals("run")
                            || r.equals("usr/lib/debug") || r.endsWith(".build-id")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (++seen[0] > MAX_SCANNED) {
                        problems.add(new Problem(sysroot.toString(), -1, "more than " + MAX_SCANNED
                                + " files under the sysroot; the scan for targets stopped there"));
                        return FileVisitResult.TERMINATE;
                    }
                    if (attrs.isRegularFile() && attrs.size() >= 64 && isLoadableElf(file)) {
                        try {
                            ElfFile e = ElfParser.parse(file);
                            e.buildId().ifPresent(b -> index.putIfAbsent(b, file));
                        } catch (IOException | RuntimeException ignored) {
                            // not a target candidate
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new Problem(sysroot.toString(), -1, "cannot scan the sysroot: " + e.getMessage()));
        }
        scanIndex = index;
        return index;
    }

    /** ELF magic and e_type ET_EXEC or ET_DYN, from the first 18 bytes. */
    private static boolean isLoadableElf(Path f) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(18);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill
            }
            if (b.position() < 18 || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F') {
                return false;
            }
            int type = b.get(5) == 2 ? (b.get(17) & 0xff) : (b.get(16) & 0xff);
            return type == 2 || type == 3;
        } catch (IOException e) {
            return false;
        }
    }

    private TargetSet set(Path p, ElfFile e, String how) {
        return sets.computeIfAbsent(p, k -> new TargetSet(k.toString(), e, how, () -> libraries(k, e),
                new SymbolResolver(() -> symbolTable(e))));
    }

    // ------------------------------------------------------------------ needed libraries

    private List<TargetSet.Library> libraries(Path targetPath, ElfFile target) {
        List<TargetSet.Library> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {targetPath, target});
        while (!queue.isEmpty() && out.size() < MAX_LIBRARIES) {
            Object[] cur = queue.poll();
            Path curPath = (Path) cur[0];
            ElfFile curElf = (ElfFile) cur[1];
            List<String> needed;
            try {
                needed = curElf.neededLibraries();
            } catch (MalformedFileException ex) {
                continue;
            }
            for (String n : needed) {
                if (!seen.add(n)) {
                    continue;
                }
                Path found = findLibrary(n, curPath, curElf, target);
                ElfFile lib = found == null ? null : parse(found).orElse(null);
                out.add(new TargetSet.Library(n, found == null ? null : found.toString(), lib, curPath.toString()));
                if (lib != null) {
                    queue.add(new Object[] {found, lib});
                }
            }
        }
        // every process maps the C library, and the loader always searches it (kpatch-format.md 3.4)
        if (out.stream().noneMatch(l -> l.name().startsWith("libc.so.")) && out.size() < MAX_LIBRARIES
                && target.segments().stream().anyMatch(s -> s.type().is("DYNAMIC"))) {
            Path found = findLibrary("libc.so.6", targetPath, target, target);
            out.add(new TargetSet.Library("libc.so.6", found == null ? null : found.toString(),
                    found == null ? null : parse(found).orElse(null), "(implicit: every process maps the C library)"));
        }
        return out;
    }

    private Path findLibrary(String name, Path from, ElfFile fromElf, ElfFile target) {
        if (name.contains("/")) {
            return null;
        }
        List<Path> dirs = new ArrayList<>();
        String runpath = null;
        String rpath = null;
        try {
            for (var d : fromElf.dynamic()) {
                if (d.tag().is("RUNPATH") && d.text() != null) {
                    runpath = d.text();
                } else if (d.tag().is("RPATH") && d.text() != null) {
                    rpath = d.text();
                }
            }
        } catch (MalformedFileException e) {
            // no search path from this object
        }
        String sp = runpath != null ? runpath : rpath;
        Path origin = from.toAbsolutePath().getParent();
        if (sp != null) {
            for (String entry : sp.split(":")) {
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.contains("$ORIGIN") || entry.contains("${ORIGIN}")) {
                    if (origin != null) {
                        dirs.add(Path.of(entry.replace("${ORIGIN}", origin.toString()).replace("$ORIGIN",
                                origin.toString())).normalize());
                    }
                } else if (entry.startsWith("/") && sysroot != null) {
                    dirs.add(sysroot.resolve(entry.substring(1)));
                }
            }
        }
        if (sysroot != null) {
            String triplet = target.header().machine().value() == 183 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
            for (String d : List.of("lib/" + triplet, "usr/lib/" + triplet, "lib64", "usr/lib64", "lib", "usr/lib",
                    "usr/local/lib")) {
                dirs.add(sysroot.resolve(d));
            }
        }
        for (Path d : dirs) {
            Path c = d.resolve(name);
            Path real = sysroot != null ? reroot(c) : c;
            if (real != null && Files.isRegularFile(real)) {
                Optional<ElfFile> e = parse(real);
                if (e.isPresent() && e.get().header().machine().value() == target.header().machine().value()
                        && e.get().header().elfClass() == target.header().elfClass()) {
                    return real;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ symbols

    private SymbolResolver.Table symbolTable(ElfFile e) {
        if (e.symbolCount(SymbolTableKind.SYMTAB) > 1) {
            return new SymbolResolver.Table(SymbolResolver.Source.SYMTAB, e.path(), e, SymbolTableKind.SYMTAB);
        }
        Optional<String> bid = e.buildId();
        if (bid.isPresent() && bid.get().length() > 2) {
            List<Path> roots = new ArrayList<>();
            if (debugDir != null) {
                roots.add(debugDir);
            }
            if (sysroot != null) {
                roots.add(sysroot.resolve("usr/lib/debug"));
            }
            for (Path r : roots) {
                Path f = r.resolve(".build-id").resolve(bid.get().substring(0, 2))
                        .resolve(bid.get().substring(2) + ".debug");
                Path real = sysroot != null ? reroot(f) : f;
                if (real != null && Files.isRegularFile(real)) {
                    Optional<ElfFile> d = parse(real);
                    if (d.isPresent() && d.get().symbolCount(SymbolTableKind.SYMTAB) > 1) {
                        return new SymbolResolver.Table(SymbolResolver.Source.DEBUG_FILE, real.toString(), d.get(),
                                SymbolTableKind.SYMTAB);
                    }
                }
            }
        }
        try {
            Optional<ElfFile> mini = MiniDebugInfo.read(e, MiniDebugInfo.MAX_DECOMPRESSED);
            if (mini.isPresent() && mini.get().symbolCount(SymbolTableKind.SYMTAB) > 1) {
                return new SymbolResolver.Table(SymbolResolver.Source.MINIDEBUGINFO, mini.get().path(), mini.get(),
                        SymbolTableKind.SYMTAB);
            }
        } catch (MalformedFileException ex) {
            problems.add(ex.problem());
        }
        if (e.symbolCount(SymbolTableKind.DYNSYM) > 1) {
            return new SymbolResolver.Table(SymbolResolver.Source.DYNSYM, e.path(), e, SymbolTableKind.DYNSYM);
        }
        return new SymbolResolver.Table(SymbolResolver.Source.NONE, null, null, null);
    }
}
