package org.kpaudit.analyzer.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;
import org.kpaudit.parser.ArchiveReader;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.parser.MappedInput;

/**
 * Turns the PATCH arguments into parsed patches: a file is read as a patch or an archive; a
 * directory is walked (sorted, symbolic links not followed) for patches and archives; an archive
 * is read in memory. Files that are neither are skipped inside directories and archives, and are
 * a problem when named directly.
 */
public final class Inputs {

    private static final Pattern HEX40 = Pattern.compile("[0-9A-Fa-f]{40}");

    /** A patch read from the inputs, in the order found. */
    /**
     * One patch found.
     *
     * @param unit the set of patches it may form a chain with (see {@link org.kpaudit.analyzer.Chains}):
     *     {@code ""} for a patch named as an argument or lying directly in a directory (or archive)
     *     named as one, so that patches the user listed chain in argument order; else the folder it
     *     lies in, so that patches of sibling folders of a tree never chain
     */
    public record Found(String display, KpatchFile patch, String unit) {
        public Found(String display, KpatchFile patch) {
            this(display, patch, "");
        }
    }

    /** A SysCare upatch object found (an ELF relocatable object with .upatch.funcs). */
    public record FoundUpatch(String display, org.kpaudit.model.UpatchPatch patch) {
    }

    /** What the inputs held. */
    public record Collected(List<AuditResult.Input> inputs, List<Found> patches, List<Problem> problems,
            Map<String, String> latestLinks, List<FoundUpatch> upatches) {
        public Collected(List<AuditResult.Input> inputs, List<Found> patches, List<Problem> problems,
                Map<String, String> latestLinks) {
            this(inputs, patches, problems, latestLinks, List.of());
        }
    }

    private final List<FoundUpatch> upatches = new ArrayList<>();

    private final List<Found> patches = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> latest = new LinkedHashMap<>();

    private Inputs() {
    }

    public static Collected collect(List<Path> args) {
        Inputs in = new Inputs();
        List<AuditResult.Input> inputs = new ArrayList<>();
        for (Path a : args) {
            int before = in.patches.size() + in.upatches.size();
            String kind = in.read(a);
            inputs.add(new AuditResult.Input(a.toString(), kind, in.patches.size() + in.upatches.size() - before));
        }
        return new Collected(inputs, List.copyOf(in.patches), List.copyOf(in.problems), Map.copyOf(in.latest),
                List.copyOf(in.upatches));
    }

    /** Each patch's display name to its chain unit (see {@link Found#unit()}). */
    public static Map<String, String> units(List<Found> patches) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Found f : patches) {
            out.put(f.display(), f.unit());
        }
        return out;
    }

    private String read(Path a) {
        if (!Files.exists(a, LinkOption.NOFOLLOW_LINKS) && !Files.exists(a)) {
            problems.add(new Problem(a.toString(), -1, "cannot read: no such file"));
            return "missing";
        }
        if (Files.isDirectory(a)) {
            walk(a);
            return "directory";
        }
        return file(a, true, "");
    }

    private void walk(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(new Problem(dir.toString(), -1, "cannot read the directory: " + e.getMessage()));
            return;
        }
        for (Path f : files) {
            if (Files.isSymbolicLink(f)) {
                Path parent = f.getParent();
                if (f.getFileName().toString().equals("latest") && parent != null
                        && HEX40.matcher(parent.getFileName().toString()).matches()) {
                    try {
                        latest.put(parent.toString(), Files.readSymbolicLink(f).toString());
                    } catch (IOException e) {
                        problems.add(new Problem(f.toString(), -1, "cannot read the link: " + e.getMessage()));
                    }
                }
                continue;
            }
            if (Files.isRegularFile(f)) {
                Path parent = f.getParent();
                file(f, false, parent == null || parent.equals(dir) ? "" : parent.toString());
            }
        }
    }

    private String file(Path f, boolean named, String unit) {
        String display = f.toString();
        ByteBuffer buf;
        try {
            buf = MappedInput.map(f);
        } catch (MalformedFileException e) {
            problems.add(e.problem());
            return "file";
        } catch (IOException e) {
            problems.add(new Problem(display, -1, "cannot read: " + ioReason(e)));
            return "file";
        }
        FileKind kind = FileTypeDetector.detect(buf);
        if (kind == FileKind.KPATCH) {
            parse(display, buf, unit);
            return "file";
        }
        if (kind == FileKind.ARCHIVE) {
            archive(display, buf, unit);
            return "archive";
        }
        if (kind == FileKind.ELF_RELOCATABLE && upatch(display, buf, named)) {
            return "file";
        }
        if (named) {
            problems.add(new Problem(display, 0, "not a .kpatch file or an archive of them (no KPATCH1 or archive"
                    + " magic)"));
        }
        return "file";
    }

    private void archive(String display, ByteBuffer buf, String unit) {
        ArchiveReader.Contents c;
        try {
            c = ArchiveReader.read(display, buf);
        } catch (MalformedFileException e) {
            problems.add(e.problem());
            return;
        }
        problems.addAll(c.problems());
        // members in name order, like a directory walk: deterministic, and level1 before level2
        List<ArchiveReader.Member> members = new ArrayList<>(c.members());
        members.sort(java.util.Comparator.comparing(ArchiveReader.Member::name));
        for (ArchiveReader.Member m : members) {
            if (m.isLink()) {
                String full = m.name();
                int slash = full.lastIndexOf('/');
                String parent = slash > 0 ? full.substring(0, slash) : "";
                String parentName = parent.substring(Math.max(parent.lastIndexOf('/'), parent.lastIndexOf('!')) + 1);
                if (full.endsWith("/latest") && HEX40.matcher(parentName).matches()) {
                    latest.put(parent, m.linkTarget());
                }
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(m.data());
            if (FileTypeDetector.detect(b) == FileKind.KPATCH) {
                String name = m.name();
                int inner = name.lastIndexOf('!');
                int slash = name.lastIndexOf('/');
                parse(name, b, slash > inner ? name.substring(0, slash) : unit);
            }
        }
    }

    /** A relocatable object that is a SysCare upatch patch is one; other objects are skipped. */
    private boolean upatch(String display, ByteBuffer buf, boolean named) {
        try {
            org.kpaudit.model.ElfFile elf = org.kpaudit.parser.ElfParser.parse(display, buf);
            if (org.kpaudit.parser.UpatchParser.isUpatch(elf)) {
                upatches.add(new FoundUpatch(display, org.kpaudit.parser.UpatchParser.of(elf)));
                return true;
            }
            return false;
        } catch (MalformedFileException e) {
            if (named) {
                problems.add(e.problem());
            }
            return true; // reported (or skipped in a folder): not also "not a .kpatch file"
        } catch (RuntimeException e) {
            if (named) {
                problems.add(new Problem(display, -1, "cannot parse: " + e));
            }
            return true;
        }
    }

    private void parse(String display, ByteBuffer buf, String unit) {
        try {
            patches.add(new Found(display, KpatchParser.parse(display, buf), unit));
        } catch (MalformedFileException e) {
            problems.add(e.problem());
        } catch (RuntimeException e) {
            problems.add(new Problem(display, -1, "cannot parse: " + e));
        }
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
