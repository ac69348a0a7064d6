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
    public record Found(String display, KpatchFile patch) {
    }

    /** What the inputs held. */
    public record Collected(List<AuditResult.Input> inputs, List<Found> patches, List<Problem> problems,
            Map<String, String> latestLinks) {
    }

    private final List<Found> patches = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> latest = new LinkedHashMap<>();

    private Inputs() {
    }

    public static Collected collect(List<Path> args) {
        Inputs in = new Inputs();
        List<AuditResult.Input> inputs = new ArrayList<>();
        for (Path a : args) {
            int before = in.patches.size();
            String kind = in.read(a);
            inputs.add(new AuditResult.Input(a.toString(), kind, in.patches.size() - before));
        }
        return new Collected(inputs, List.copyOf(in.patches), List.copyOf(in.problems), Map.copyOf(in.latest));
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
        return file(a, true);
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
                file(f, false);
            }
        }
    }

    private String file(Path f, boolean named) {
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
            parse(display, buf);
            return "file";
        }
        if (kind == FileKind.ARCHIVE) {
            archive(display, buf);
            return "archive";
        }
        if (named) {
            problems.add(new Problem(display, 0, "not a .kpatch file or an archive of them (no KPATCH1 or archive"
                    + " magic)"));
        }
        return "file";
    }

    private void archive(String display, ByteBuffer buf) {
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
                parse(m.name(), b);
            }
        }
    }

    private void parse(String display, ByteBuffer buf) {
        try {
            patches.add(new Found(display, KpatchParser.parse(display, buf)));
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
