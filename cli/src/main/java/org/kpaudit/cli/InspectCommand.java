package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.CoreParser;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.parser.LivepatchParser;
import org.kpaudit.parser.MappedInput;
import org.kpaudit.report.CoreView;
import org.kpaudit.report.InspectView;
import org.kpaudit.report.LivepatchView;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kpaudit inspect FILE...}: what each file is and what it holds. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "inspect",
        sortOptions = false,
        description = {
            "Detect each file's type by its content and describe it: for a .kpatch the header, layout version,",
            "changed and new functions, imports with versions, relocation counts and the embedded ELF's sections;",
            "for an ELF file the header, build-id, segments, notes, symbol and relocation counts, needed libraries;",
            "for a kernel or livepatch module (.ko) also its .modinfo and, recovered from its relocations, the",
            "klp_patch (replace, states, objects, functions with sympos, callbacks), .klp.rela/.klp.sym, kpatch sections;",
            "for a core dump its PT_LOADs (file size against memory size), notes, threads, signal, auxiliary vector",
            "and NT_FILE mappings."},
        footer = {"", "Formats: yaml (default), json, text.",
            "Exit codes: 0 every file read, 2 usage error, 3 some file unreadable or malformed."})
public final class InspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--sections", description = "List every section (and the dynamic entries).")
    boolean sections;

    @Option(names = "--symbols", description = "List every symbol (.symtab and .dynsym).")
    boolean symbols;

    @Option(names = "--relocs", description = "List every relocation.")
    boolean relocs;

    @Option(names = "--disassemble", description = "Show the instructions of each changed and new function of a"
            + " .kpatch (objdump -d style, with the relocations inside each instruction), through the capstone"
            + " library when installed (libcapstone4); without it, the bytes and how to get it.")
    boolean disassemble;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to inspect; a directory is read"
            + " recursively (files of no known kind in it are skipped).")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.YAML,
                EnumSet.of(OutputFormat.YAML, OutputFormat.JSON, OutputFormat.TEXT));
        InspectView.Options opt = new InspectView.Options(sections, symbols, relocs, disassemble);
        List<Problem> problems = new ArrayList<>();
        Iterator<Map<String, Object>> results = new Described(opt, problems);
        if (fmt == OutputFormat.TEXT) {
            // the text's list header gives the count, so the whole list is built first
            List<Object> all = new ArrayList<>();
            results.forEachRemaining(all::add);
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("files", all);
            output.write(cl.getOut(), cl, w -> TreeWriter.write(tree, fmt, w));
        } else {
            // one file's description in memory at a time, however many files and symbols there are
            output.write(cl.getOut(), cl, w -> TreeWriter.writeList("files", results, fmt, w));
        }
        for (Problem p : problems) {
            cl.getErr().println(ProblemFormat.line(p));
        }
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.UNREADABLE;
    }

    /**
     * The description of each readable input in order, made when it is asked for; directories are
     * walked when reached (files of unknown type in them are skipped), and what cannot be read goes
     * to {@code problems}.
     */
    private final class Described implements Iterator<Map<String, Object>> {
        private final InspectView.Options opt;
        private final List<Problem> problems;
        private final Iterator<Path> given = files.iterator();
        private Iterator<Path> current = Collections.emptyIterator();
        private boolean inDirectory;
        private Map<String, Object> next;

        Described(InspectView.Options opt, List<Problem> problems) {
            this.opt = opt;
            this.problems = problems;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!current.hasNext()) {
                    if (!given.hasNext()) {
                        return false;
                    }
                    Path g = given.next();
                    inDirectory = java.nio.file.Files.isDirectory(g);
                    current = inDirectory ? InputFiles.walk(g, problems).iterator() : List.of(g).iterator();
                    continue;
                }
                Path f = current.next();
                try {
                    if (inDirectory && FileTypeDetector.detect(f) == FileKind.UNKNOWN) {
                        continue;
                    }
                    next = inspect(f, opt);
                } catch (MalformedFileException e) {
                    problems.add(e.problem());
                } catch (IOException e) {
                    problems.add(new Problem(f.toString(), -1, "cannot read: " + ioReason(e)));
                }
            }
            return true;
        }

        @Override
        public Map<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map<String, Object> n = next;
            next = null;
            return n;
        }
    }

    static Map<String, Object> inspect(Path f, InspectView.Options opt) throws IOException {
        if (!java.nio.file.Files.isDirectory(f) && FileTypeDetector.detect(f) == FileKind.ELF_CORE) {
            // cores are read by windows, never mapped whole (they can exceed 2 GiB)
            return CoreView.core(CoreParser.parse(f));
        }
        String name = f.toString();
        if (java.nio.file.Files.isRegularFile(f) && java.nio.file.Files.size(f) > MappedInput.MAX_MAPPED) {
            // above 2 GiB an ELF object is read through windows (ElfParser.parse(Path)), never mapped whole
            FileKind big = FileTypeDetector.detect(f);
            return switch (big) {
                case ELF_EXECUTABLE, ELF_SHARED_OBJECT, ELF_RELOCATABLE, ELF_OTHER ->
                        InspectView.elf(ElfParser.parse(f), kindName(big), opt, twin(opt, () -> ElfParser.parse(f)));
                default -> throw new MalformedFileException(new Problem(name, -1, "file is "
                        + java.nio.file.Files.size(f) + " bytes; above 2 GiB kpaudit reads ELF objects and cores only"));
            };
        }
        java.nio.ByteBuffer buf = MappedInput.map(f);
        FileKind kind = FileTypeDetector.detect(buf);
        return switch (kind) {
            case KPATCH -> {
                KpatchFile k = KpatchParser.parse(name, buf);
                yield InspectView.kpatch(k, opt);
            }
            case UNKNOWN -> {
                // SysCare's patch_info (CBOR), named so or starting like a CBOR map
                byte[] head = new byte[Math.min(buf.limit(), 1)];
                buf.get(0, head);
                if (f.getFileName() != null && f.getFileName().toString().equals("patch_info")
                        || org.kpaudit.analyzer.upatch.PatchInfo.looksLike(head)) {
                    byte[] all = new byte[(int) Math.min(buf.limit(), 16 << 20)];
                    buf.get(0, all);
                    yield InspectView.patchInfo(name, buf.limit(), org.kpaudit.analyzer.upatch.PatchInfo.read(name, all));
                }
                throw new MalformedFileException(new Problem(name, 0,
                        "not a file kpaudit reads (no ELF, KPATCH1 or archive magic)"));
            }
            case ARCHIVE -> throw new MalformedFileException(new Problem(name, 0,
                    "is an archive; inspect reads single files (use check to read patches inside bundles)"));
            case KERNEL_MODULE, LIVEPATCH_MODULE -> {
                ElfFile elf = ElfParser.parse(name, buf);
                Map<String, Object> tree = InspectView.elf(elf, kindName(kind), opt);
                tree.put("module", LivepatchView.module(LivepatchParser.of(elf), opt.relocations()));
                yield tree;
            }
            default -> {
                ElfFile elf = ElfParser.parse(name, buf);
                Map<String, Object> tree = InspectView.elf(elf, kindName(kind), opt,
                        buf.limit() >= PARALLEL_DECODE ? twin(opt, () -> ElfParser.parse(name, buf)) : null);
                if (kind == FileKind.ELF_RELOCATABLE && org.kpaudit.parser.UpatchParser.isUpatch(elf)) {
                    // a SysCare user-space patch: its .upatch.funcs table read through its relocations
                    tree.put("kind", "upatch-patch");
                    tree.put("upatch", InspectView.upatch(org.kpaudit.parser.UpatchParser.of(elf)));
                }
                yield tree;
            }
        };
    }

    /** Objects of at least this size have their long lists decoded on two threads. */
    static final long PARALLEL_DECODE = 4L << 20;

    /** A second reader of the same file when long lists are asked for (see InspectView.elf). */
    private static ElfFile twin(InspectView.Options opt, java.util.concurrent.Callable<ElfFile> parse)
            throws IOException {
        if (!opt.symbols() && !opt.relocations()) {
            return null;
        }
        try {
            return parse.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    static String kindName(FileKind k) {
        return switch (k) {
            case ELF_EXECUTABLE -> "elf-executable";
            case ELF_SHARED_OBJECT -> "elf-shared-object";
            case ELF_RELOCATABLE -> "elf-relocatable";
            case ELF_CORE -> "elf-core";
            case ELF_OTHER -> "elf-other";
            case KERNEL_MODULE -> "kernel-module";
            case LIVEPATCH_MODULE -> "livepatch-module";
            case KPATCH -> "kpatch";
            case ARCHIVE -> "archive";
            case UNKNOWN -> "unknown";
        };
    }

    static String ioReason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
