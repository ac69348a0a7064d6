package org.kpaudit.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.kpaudit.formats.Elf;
import org.kpaudit.model.AddressRange;
import org.kpaudit.model.Code;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Problem;

/**
 * The memory of a running process, read-only: its mappings from {@code /proc/PID/maps} and its
 * bytes from {@code /proc/PID/mem} with positional reads. The process is never attached to,
 * stopped or written: the kernel checks at open that the caller may read it (same user and
 * {@code kernel.yama.ptrace_scope} allowing it, or CAP_SYS_PTRACE), and kpaudit reports a
 * refusal as a problem naming the process.
 *
 * <p>The process keeps running while it is read, so what is read is a moving picture: a
 * mapping may disappear between listing and reading (read then returns fewer bytes).
 */
public final class LiveProcess implements MemoryImage {

    /** Most lines read from /proc/PID/maps (vm.max_map_count is 65530 by default). */
    public static final int MAX_MAPS_LINES = 1 << 22;

    private final long pid;
    private final String name;
    private final FileChannel mem;
    private final List<Mapping> mappings;
    private final List<AddressRange> present;
    private final Code machine;
    private final String comm;
    private final String cmdline;
    private final List<Problem> warnings = new ArrayList<>();

    private LiveProcess(long pid, FileChannel mem, List<Mapping> mappings, Code machine, String comm, String cmdline) {
        this.pid = pid;
        this.name = "pid " + pid;
        this.mem = mem;
        this.mappings = List.copyOf(mappings);
        this.machine = machine;
        this.comm = comm;
        this.cmdline = cmdline;
        List<AddressRange> pr = new ArrayList<>();
        for (Mapping m : mappings) {
            if (m.readable() && m.start() >= 0 && m.end() > 0 && !special(m.path())) {
                pr.add(new AddressRange(m.start(), m.end()));
            }
        }
        this.present = List.copyOf(pr);
    }

    /** Mappings that cannot be read through /proc/PID/mem (I/O or pfn maps of the kernel). */
    private static boolean special(String path) {
        return path != null && (path.equals("[vvar]") || path.equals("[vvar_vclock]") || path.equals("[vsyscall]"));
    }

    /**
     * Opens process {@code pid} for reading.
     *
     * @throws MalformedFileException with a problem naming the process when it does not exist or
     *     its memory may not be read
     */
    public static LiveProcess open(long pid) throws IOException {
        return open(pid, Path.of("/proc"));
    }

    static LiveProcess open(long pid, Path procRoot) throws IOException {
        String who = "pid " + pid;
        if (pid <= 0) {
            throw new MalformedFileException(new Problem(who, -1, "not a process id"));
        }
        Path dir = procRoot.resolve(Long.toString(pid));
        if (!Files.isDirectory(dir)) {
            throw new MalformedFileException(new Problem(who, -1, "no such process (" + dir + " does not exist)"));
        }
        List<Mapping> maps;
        try {
            maps = parseMaps(who, dir.resolve("maps"));
        } catch (AccessDeniedException e) {
            throw denied(who, pid, dir.resolve("maps"));
        } catch (NoSuchFileException e) {
            throw new MalformedFileException(new Problem(who, -1, "the process exited"));
        }
        FileChannel mem;
        try {
            mem = FileChannel.open(dir.resolve("mem"), StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            throw denied(who, pid, dir.resolve("mem"));
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.contains("Permission denied") || m.contains("Operation not permitted")) {
                throw denied(who, pid, dir.resolve("mem"));
            }
            throw new MalformedFileException(new Problem(who, -1, "cannot open " + dir.resolve("mem") + ": " + m));
        }
        Code machine = exeMachine(dir.resolve("exe"));
        String comm = readSmall(dir.resolve("comm"), 64).strip();
        String cmdline = readSmall(dir.resolve("cmdline"), 4096).replace('\0', ' ').strip();
        return new LiveProcess(pid, mem, maps, machine, comm, cmdline);
    }

    private static MalformedFileException denied(String who, long pid, Path file) {
        return new MalformedFileException(new Problem(who, -1, "permission denied reading " + file + ": kpaudit reads"
                + " a live process only through /proc/" + pid + "/maps and /proc/" + pid + "/mem, which needs the"
                + " process's own user with kernel.yama.ptrace_scope allowing it (0, or 1 for a descendant) or"
                + " CAP_SYS_PTRACE; it never attaches to, stops or writes the process"));
    }

    /** e_machine of /proc/PID/exe, or null when it cannot be read. */
    private static Code exeMachine(Path exe) {
        try (InputStream in = Files.newInputStream(exe)) {
            byte[] h = in.readNBytes(20);
            if (h.length < 20 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
                return null;
            }
            int v = h[5] == 2 ? ((h[18] & 0xff) << 8) | (h[19] & 0xff) : (h[18] & 0xff) | ((h[19] & 0xff) << 8);
            Elf.Machine m = Elf.Machine.byId(v);
            return new Code(v, ElfParser.enumName(m));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readSmall(Path p, int max) {
        try (InputStream in = Files.newInputStream(p)) {
            return Names.decode(in.readNBytes(max));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Parses {@code /proc/PID/maps}: {@code start-end perms offset dev inode [path]}. A line
     * that does not have this shape is a problem naming the line.
     */
    public static List<Mapping> parseMaps(String who, Path maps) throws IOException {
        List<Mapping> out = new ArrayList<>();
        int lineNo = 0;
        try (var reader = Files.newBufferedReader(maps, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo > MAX_MAPS_LINES) {
                    throw new MalformedFileException(new Problem(who, -1, maps + " has more than " + MAX_MAPS_LINES
                            + " lines"));
                }
                if (line.isBlank()) {
                    continue;
                }
                out.add(parseMapsLine(who, maps, lineNo, line));
            }
        }
        out.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        return out;
    }

    static Mapping parseMapsLine(String who, Path maps, int lineNo, String line) {
        // fields are separated by single spaces; the path (which may contain spaces) starts after
        // the padding that follows the inode
        String[] f = line.split(" +", 6);
        try {
            if (f.length < 5) {
                throw new IllegalArgumentException("too few fields");
            }
            int dash = f[0].indexOf('-');
            long start = Long.parseUnsignedLong(f[0].substring(0, dash), 16);
            long end = Long.parseUnsignedLong(f[0].substring(dash + 1), 16);
            String perms = f[1];
            if (perms.length() != 4) {
                throw new IllegalArgumentException("permissions '" + perms + "'");
            }
            long offset = Long.parseUnsignedLong(f[2], 16);
            String path = f.length == 6 ? f[5] : null;
            if (path != null && path.isEmpty()) {
                path = null;
            }
            if (Long.compareUnsigned(start, end) > 0) {
                throw new IllegalArgumentException("start above end");
            }
            boolean anonymousOffset = path == null;
            return new Mapping(start, end, perms, path, anonymousOffset ? 0 : offset, m(start, end, perms),
                    "maps line " + lineNo);
        } catch (RuntimeException e) {
            throw new MalformedFileException(new Problem(who, -1, maps + " line " + lineNo + " is not a maps line ("
                    + e.getMessage() + "): " + line));
        }
    }

    private static long m(long start, long end, String perms) {
        return perms.charAt(0) == 'r' ? end - start : 0;
    }

    public long pid() {
        return pid;
    }

    /** The process name ({@code /proc/PID/comm}). */
    public String comm() {
        return comm;
    }

    /** The command line, arguments separated by spaces. */
    public String cmdline() {
        return cmdline;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Kind kind() {
        return Kind.PROCESS;
    }

    @Override
    public Code machine() {
        return machine;
    }

    @Override
    public List<Mapping> mappings() {
        return mappings;
    }

    @Override
    public List<AddressRange> present() {
        return present;
    }

    @Override
    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public int read(long address, byte[] dst, int offset, int length) throws IOException {
        return read(address, ByteBuffer.wrap(dst, offset, length));
    }

    @Override
    public int read(long address, ByteBuffer dst) throws IOException {
        if (address < 0) {
            return 0; // above 2^63: FileChannel positions are signed; only [vsyscall] lives there
        }
        int start = dst.position();
        while (dst.hasRemaining()) {
            int r;
            try {
                r = mem.read(dst, address + (dst.position() - start));
            } catch (IOException e) {
                break; // EIO: an unmapped or unreadable page; the bytes before it were read
            }
            if (r <= 0) {
                break;
            }
        }
        return dst.position() - start;
    }

    @Override
    public String whyUnavailable(long address) {
        Mapping m = mappingAt(address);
        if (m == null) {
            return "not mapped in the process";
        }
        if (!m.readable()) {
            return "mapping " + m.perms() + " is not readable";
        }
        if (special(m.path())) {
            return m.path() + " cannot be read through /proc/" + pid + "/mem";
        }
        return "the process did not give these bytes (it may have unmapped them or exited)";
    }

    @Override
    public long fileOffset(long address) {
        return -1;
    }

    @Override
    public void close() throws IOException {
        mem.close();
    }
}
