package org.kpaudit.parser;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;

/**
 * Reads the members of an archive in memory, without extracting anything to disk: tar, zip, cpio
 * and ar (so {@code .deb}: an ar whose {@code data.tar.*} is read in turn), each possibly
 * compressed with gzip, xz or bzip2. Member names are only names: {@code ../../etc/passwd} is
 * reported as {@code archive!../../etc/passwd} and never becomes a path.
 *
 * <p>Limits keep a hostile archive from exhausting memory: each member is read up to
 * {@link Limits#maxMember()} bytes, the whole archive up to {@link Limits#maxTotal()}, nested
 * archives up to {@link Limits#maxDepth()} levels. What exceeds a limit is skipped with a problem.
 */
public final class ArchiveReader {

    /** One regular-file member (or a symbolic link, with {@code linkTarget} set and no data). */
    public record Member(String name, String path, byte[] data, String linkTarget) {
        public Member {
            data = data == null ? new byte[0] : data;
        }

        public boolean isLink() {
            return linkTarget != null;
        }
    }

    /** Size and depth limits. */
    public record Limits(long maxMember, long maxTotal, int maxDepth, int maxMembers) {
        public static Limits defaults() {
            return new Limits(256L << 20, 1L << 30, 4, 100_000);
        }
    }

    private final Limits limits;
    private final List<Problem> problems = new ArrayList<>();
    private long total;
    private int count;

    private ArchiveReader(Limits limits) {
        this.limits = limits;
    }

    /** The result of reading one archive: its members (depth-first) and what had to be skipped. */
    public record Contents(List<Member> members, List<Problem> problems) {
    }

    public static Contents read(String name, ByteBuffer buffer) {
        return read(name, buffer, Limits.defaults());
    }

    public static Contents read(String name, ByteBuffer buffer, Limits limits) {
        ArchiveReader r = new ArchiveReader(limits);
        List<Member> out = new ArrayList<>();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.slice().get(bytes);
        r.expand(name, bytes, 0, out, true);
        return new Contents(List.copyOf(out), List.copyOf(r.problems));
    }

    /** True when the bytes start with the magic of a container or compressor this class reads. */
    public static boolean isArchive(ByteBuffer b) {
        return FileTypeDetector.isArchive(b);
    }

    private void expand(String name, byte[] data, int depth, List<Member> out, boolean top) {
        if (depth > limits.maxDepth()) {
            problems.add(new Problem(name, -1, "archive nested deeper than " + limits.maxDepth() + " levels; not read"));
            return;
        }
        try {
            byte[] plain = decompress(name, data);
            if (plain == null) {
                return; // over a limit: the problem is recorded
            }
            ByteBuffer pb = ByteBuffer.wrap(plain);
            ArchiveInputStream<?> ais = container(pb, plain);
            if (ais == null) {
                if (plain == data) {
                    if (top) {
                        throw new MalformedFileException(new Problem(name, 0, "not an archive kpaudit reads"
                                + " (tar, zip, cpio or ar, optionally gzip, xz or bzip2 compressed)"));
                    }
                    out.add(new Member(name, "", data, null));
                    return;
                }
                // a compressed single file: foo.kpatch.gz holds one member
                String inner = stripCompressionSuffix(baseName(name));
                addMember(name + "!" + inner, inner, plain, depth, out);
                return;
            }
            try (ais) {
                ArchiveEntry e;
                while ((e = ais.getNextEntry()) != null) {
                    if (++count > limits.maxMembers()) {
                        problems.add(new Problem(name, -1, "more than " + limits.maxMembers()
                                + " members; the rest is not read"));
                        return;
                    }
                    String member = e.getName();
                    String full = name + "!" + member;
                    if (e instanceof TarArchiveEntry t && t.isSymbolicLink()) {
                        out.add(new Member(full, member, null, t.getLinkName()));
                        continue;
                    }
                    if (e.isDirectory() || (e instanceof TarArchiveEntry t && !t.isFile())) {
                        continue;
                    }
                    if (!ais.canReadEntryData(e)) {
                        problems.add(new Problem(full, -1, "member data cannot be read (unsupported compression"
                                + " or encryption); skipped"));
                        continue;
                    }
                    byte[] body;
                    try {
                        body = readCapped(ais, full);
                    } catch (LinkageError missingCodec) {
                        // commons-compress hands zstd (and some other methods) to optional libraries
                        problems.add(new Problem(full, -1, "unreadable archive: a member is compressed with a method"
                                + " kpaudit does not read (" + missingCodec.getMessage() + ")"));
                        return;
                    }
                    if (body != null) {
                        addMember(full, member, body, depth, out);
                    }
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            if (e instanceof MalformedFileException m) {
                throw m;
            }
            problems.add(new Problem(name, -1, e instanceof LinkageError
                    ? "unreadable archive: a member is compressed with a method kpaudit does not read ("
                            + e.getMessage() + ")"
                    : "unreadable archive: " + ElfParser.describe(e)));
        }
    }

    private void addMember(String full, String path, byte[] body, int depth, List<Member> out) {
        if (FileTypeDetector.isArchive(ByteBuffer.wrap(body)) && !FileTypeDetector.startsWith(ByteBuffer.wrap(body), 0,
                KpatchParser.MAGIC)) {
            expand(full, body, depth + 1, out, false);
        } else {
            out.add(new Member(full, path, body, null));
        }
    }

    /** The decompressed bytes, {@code data} itself when not compressed, or null when over a limit. */
    private byte[] decompress(String name, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        InputStream in;
        if (FileTypeDetector.startsWith(b, 0, new byte[] {0x1f, (byte) 0x8b})) {
            in = new GzipCompressorInputStream(new ByteArrayInputStream(data), true);
        } else if (FileTypeDetector.startsWith(b, 0, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) {
            in = new XZCompressorInputStream(new ByteArrayInputStream(data), true);
        } else if (FileTypeDetector.startsWith(b, 0, new byte[] {'B', 'Z', 'h'})) {
            in = new BZip2CompressorInputStream(new ByteArrayInputStream(data), true);
        } else if (FileTypeDetector.startsWith(b, 0, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})) {
            throw new IOException("zstd compression is not supported");
        } else {
            return data;
        }
        try (in) {
            return readCapped(in, name); // null over a limit, with the problem recorded
        }
    }

    private static ArchiveInputStream<?> container(ByteBuffer b, byte[] plain) {
        ByteArrayInputStream in = new ByteArrayInputStream(plain);
        if (FileTypeDetector.startsWith(b, 0, new byte[] {'P', 'K', 3, 4})
                || FileTypeDetector.startsWith(b, 0, new byte[] {'P', 'K', 5, 6})) {
            return new ZipArchiveInputStream(in);
        }
        if (FileTypeDetector.startsWith(b, 0, "!<arch>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return new ArArchiveInputStream(in);
        }
        if (FileTypeDetector.startsWith(b, 0, "07070".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || FileTypeDetector.startsWith(b, 0, new byte[] {(byte) 0xc7, 0x71})
                || FileTypeDetector.startsWith(b, 0, new byte[] {0x71, (byte) 0xc7})) {
            return new CpioArchiveInputStream(in);
        }
        if (FileTypeDetector.startsWith(b, 257, "ustar".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            return new TarArchiveInputStream(in);
        }
        return null;
    }

    /** Reads the rest of {@code in}, or returns null (with a problem) when it exceeds a limit. */
    private byte[] readCapped(InputStream in, String name) throws IOException {
        long cap = Math.min(limits.maxMember(), limits.maxTotal() - total);
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[65536];
        long n = 0;
        int r;
        while ((r = in.read(chunk)) > 0) {
            n += r;
            if (n > cap) {
                problems.add(new Problem(name, -1, n > limits.maxMember()
                        ? "larger than the member limit of " + limits.maxMember() + " bytes; skipped"
                        : "archive contents exceed the total limit of " + limits.maxTotal() + " bytes; skipped"));
                return null;
            }
            buf.write(chunk, 0, r);
        }
        total += n;
        return buf.toByteArray();
    }

    private static String baseName(String name) {
        int bang = name.lastIndexOf('!');
        String n = bang >= 0 ? name.substring(bang + 1) : name;
        int slash = n.lastIndexOf('/');
        return slash >= 0 ? n.substring(slash + 1) : n;
    }

    private static String stripCompressionSuffix(String n) {
        for (String s : new String[] {".gz", ".xz", ".bz2", ".tgz", ".txz"}) {
            if (n.endsWith(s) && n.length() > s.length()) {
                String base = n.substring(0, n.length() - s.length());
                return s.startsWith(".t") ? base + ".tar" : base;
            }
        }
        return n;
    }
}
