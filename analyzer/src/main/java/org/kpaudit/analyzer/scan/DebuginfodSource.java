package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.kpaudit.parser.ElfParser;

/**
 * Files by build-id from debuginfod servers, as elfutils' client fetches them: {@code GET
 * <url>/buildid/<hex>/executable} on each server in turn (debuginfod(8), "WEBAPI"), kept in a cache
 * laid out like the client's ({@code <cache>/<hex>/executable}) so that a second scan reads no
 * network. What a server sends is untrusted: the build-id is checked as hex before it becomes part
 * of a URL or a path; a download stops at {@link Limits#maxSize()} bytes, when the server stays
 * silent for {@link Limits#stall()} or the whole transfer takes longer than
 * {@link Limits#maxTime()}; the file is written without execute permission, never run, and kept
 * only when it is an ELF file whose own build-id is the one asked for.
 */
public final class DebuginfodSource implements ObjectFileSource {

    /**
     * Download limits.
     *
     * @param maxSize largest file accepted, in bytes (elfutils: {@code DEBUGINFOD_MAXSIZE})
     * @param stall longest silence of a server, connecting or sending (elfutils: {@code DEBUGINFOD_TIMEOUT})
     * @param maxTime longest whole transfer of one file (elfutils: {@code DEBUGINFOD_MAXTIME})
     */
    public record Limits(long maxSize, Duration stall, Duration maxTime) {

        /** 1 GiB, 30 s of silence, 5 minutes per file; overridden by the elfutils variables when set. */
        public static Limits fromEnvironment(Map<String, String> env) {
            long size = positive(env.get("DEBUGINFOD_MAXSIZE"), 1L << 30);
            long stall = positive(env.get("DEBUGINFOD_TIMEOUT"), 30);
            long time = positive(env.get("DEBUGINFOD_MAXTIME"), 300);
            return new Limits(size, Duration.ofSeconds(stall), Duration.ofSeconds(time));
        }

        private static long positive(String v, long dflt) {
            try {
                long x = v == null ? 0 : Long.parseLong(v.trim());
                return x > 0 ? x : dflt;
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
    }

    private final List<URI> servers;
    private final Path cache;
    private final Limits limits;

    public DebuginfodSource(List<URI> servers, Path cache, Limits limits) {
        this.servers = List.copyOf(servers);
        this.cache = cache;
        this.limits = limits;
    }

    /** The servers of a {@code DEBUGINFOD_URLS} value (separated by spaces), in order. */
    public static List<URI> parseUrls(String value) throws IllegalArgumentException {
        List<URI> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String s : value.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(server(s));
            }
        }
        return out;
    }

    /** One server URL: http or https, with a host. */
    public static URI server(String s) throws IllegalArgumentException {
        URI u = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) server URL: " + s);
        }
        return u;
    }

    /**
     * The cache folder: {@code DEBUGINFOD_CACHE_PATH} (shared with elfutils, same layout), else
     * {@code $XDG_CACHE_HOME/kpaudit/debuginfod}, else {@code ~/.cache/kpaudit/debuginfod}.
     */
    public static Path defaultCache(Map<String, String> env) {
        String own = env.get("DEBUGINFOD_CACHE_PATH");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("kpaudit").resolve("debuginfod");
    }

    @Override
    public String describe() {
        return "debuginfod " + String.join(" ", servers.stream().map(URI::toString).toList());
    }

    @Override
    public Optional<Located> find(String buildId) throws IOException {
        if (!BuildIds.valid(buildId) || servers.isEmpty()) {
            return Optional.empty();
        }
        Path dir = cache.resolve(buildId);
        Path file = dir.resolve("executable");
        if (Files.isRegularFile(file) && buildId.equals(buildIdOf(file))) {
            return Optional.of(new Located(file, "debuginfod cache " + file));
        }
        List<String> failures = new ArrayList<>();
        for (URI s : servers) {
            URI u = URI.create(s + "/buildid/" + buildId + "/executable");
            try {
                if (fetch(u, dir, file, buildId)) {
                    return Optional.of(new Located(file, "debuginfod " + u));
                }
            } catch (IOException e) {
                failures.add(u + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(String.join("; ", failures));
        }
        return Optional.empty();
    }

    /** Downloads {@code u} into {@code file}; false when the server has no such file (404). */
    private boolean fetch(URI u, Path dir, Path file, String buildId) throws IOException {
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        URL url = u.toURL();
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setInstanceFollowRedirects(true);
        c.setConnectTimeout(millis(limits.stall()));
        c.setReadTimeout(millis(limits.stall()));
        c.setRequestProperty("User-Agent", "kpaudit");
        try {
            int code;
            try {
                code = c.getResponseCode();
            } catch (java.net.SocketTimeoutException e) {
                throw new IOException("no answer within " + limits.stall().toSeconds() + " s");
            }
            if (code == HttpURLConnection.HTTP_NOT_FOUND) {
                return false;
            }
            if (code != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + code);
            }
            long length = c.getContentLengthLong();
            if (length > limits.maxSize()) {
                throw new IOException("the file is " + length + " bytes, over the limit of " + limits.maxSize()
                        + " (DEBUGINFOD_MAXSIZE); not downloaded");
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".part-", "");
            boolean kept = false;
            try {
                long total = 0;
                try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = read(in, buf)) > 0;) {
                        total += n;
                        if (total > limits.maxSize()) {
                            throw new IOException("the server sent more than " + limits.maxSize()
                                    + " bytes (DEBUGINFOD_MAXSIZE); download stopped");
                        }
                        if (System.nanoTime() > deadline) {
                            throw new IOException("the download took longer than " + limits.maxTime().toSeconds()
                                    + " s (DEBUGINFOD_MAXTIME); stopped after " + total + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
                if (length >= 0 && total != length) {
                    throw new IOException("the server sent " + total + " of " + length + " bytes");
                }
                noExecute(tmp);
                String got = buildIdOf(tmp);
                if (!buildId.equals(got)) {
                    throw new IOException("the server sent " + (got == null ? "a file without a readable build-id"
                            : "a file with build-id " + got) + ", not " + buildId + "; discarded");
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                kept = true;
                return true;
            } finally {
                if (!kept) {
                    Files.deleteIfExists(tmp);
                }
            }
        } finally {
            c.disconnect();
        }
    }

    private int read(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("the server sent nothing for " + limits.stall().toSeconds()
                    + " s (DEBUGINFOD_TIMEOUT); download stopped");
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static void noExecute(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing is executed from the cache in any case
        }
    }

    private static String buildIdOf(Path p) {
        try {
            return ElfParser.parse(p).buildId().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
