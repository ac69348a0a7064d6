package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.model.CoreDump;
import org.kpaudit.model.FileMapping;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Segment;
import org.kpaudit.testing.CoreWriter;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.ReadelfOutput;
import org.kpaudit.testing.Samples;

/**
 * The core reader on the real cores of the corpus (expected values from the maps files taken at
 * the same moment, the corpus author's scans, the case READMEs and GNU readelf) and on synthetic
 * cores (CoreWriter) for what real ones do not show: lying counts, truncation, files above 2 GiB.
 */
class CoreParserTest {

    static final String A = "libcare/a_bounds_check/runtime/";
    static final String KERNEL = "libcare/a_bounds_check/runtime-kernel-core/";

    /** The file-backed lines of a saved /proc/PID/maps. */
    static List<Mapping> fileLines(Path maps) throws IOException {
        return LiveProcess.parseMaps("maps", maps).stream().filter(Mapping::fileBacked).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {A + "core-1-unpatched:" + A + "maps-1-unpatched.txt",
        A + "core-2-patched:" + A + "maps-2-patched.txt",
        KERNEL + "core-kernel-sigabrt-patched:" + KERNEL + "maps-patched.txt",
        "libcare/b_shared_lib/runtime/core-2-patched:libcare/b_shared_lib/runtime/maps-2-patched.txt",
        "libcare/f_incremental_stacked/runtime-chain/core-all-applied:"
            + "libcare/f_incremental_stacked/runtime-chain/step3-maps.txt"})
    void ntFileEqualsTheFileBackedLinesOfTheMaps(String pair) throws IOException {
        String[] p = pair.split(":");
        CoreDump core = CoreParser.parse(Samples.path(p[0]));
        List<Mapping> maps = fileLines(Samples.path(p[1]));
        assertThat(core.warnings()).isEmpty();
        assertThat(core.files()).hasSize(maps.size());
        for (int i = 0; i < maps.size(); i++) {
            FileMapping f = core.files().get(i);
            Mapping m = maps.get(i);
            assertThat(f.start()).as("start %d", i).isEqualTo(m.start());
            assertThat(f.end()).as("end %d", i).isEqualTo(m.end());
            assertThat(f.fileOffset()).as("offset %d", i).isEqualTo(m.fileOffset());
            assertThat(f.path()).isEqualTo(m.path());
        }
    }

    @Test
    void gcoreFactsOfThePatchedCore() throws IOException {
        CoreDump core = CoreParser.parse(Samples.path(A + "core-2-patched"));
        // readelf -l -W: 20 program headers, a NOTE then 19 LOADs; gcore writes NT_FILE offsets in bytes
        assertThat(core.segments()).hasSize(20);
        assertThat(core.loads()).hasSize(19);
        assertThat(core.header().machine().name()).isEqualTo("X86_64");
        assertThat(core.filePageSize()).isEqualTo(1);
        assertThat(core.threads()).hasSize(1);
        assertThat(core.threads().get(0).pc()).isNotNull();
        // libcare-ctl-patch.txt: cmdline="build/lpmake/bounds_demo\x0060", info Target: bounds_demo
        // (gcore writes only the first argument into pr_psargs; the kernel core below has them all)
        assertThat(core.process().fname()).isEqualTo("bounds_demo");
        assertThat(core.process().psargs()).isEqualTo("build/lpmake/bounds_demo");
        // maps-2-patched.txt: [vdso] at 7f4b1e806000, ld.so at 7f4b1e808000, the executable at 558da3274000;
        // readelf -h of original/bounds_demo: e_phoff 64, entry 0x1080
        assertThat(core.auxv("AT_SYSINFO_EHDR")).isEqualTo(0x7f4b1e806000L);
        assertThat(core.auxv("AT_BASE")).isEqualTo(0x7f4b1e808000L);
        assertThat(core.auxv("AT_PHDR")).isEqualTo(0x558da3274000L + 64);
        assertThat(core.auxv("AT_ENTRY")).isEqualTo(0x558da3274000L + 0x1080);
        assertThat(core.auxv("AT_PAGESZ")).isEqualTo(4096L);
        // the patch region of maps-2 (558da327a000-558da327d000 r-xp, anonymous) is a PT_LOAD with flags R+X
        Mapping region = core.mappings().stream().filter(m -> m.start() == 0x558da327a000L).findFirst().orElseThrow();
        assertThat(region.end()).isEqualTo(0x558da327d000L);
        assertThat(region.perms()).isEqualTo("r-x");
        assertThat(region.path()).isNull();
        assertThat(region.presentBytes()).isEqualTo(0x3000);
        // gcore did not dump 558da3276000 (r--p of bounds_demo): NT_FILE names it, no PT_LOAD covers it
        Mapping rodata = core.mappings().stream().filter(m -> m.start() == 0x558da3276000L).findFirst().orElseThrow();
        assertThat(rodata.presentBytes()).isZero();
        assertThat(rodata.source()).startsWith("NT_FILE");
    }

    @Test
    void memoryOfThePatchedCoreHoldsTheJumpHeaderAndSavedBytes() throws IOException {
        try (MemoryImage mem = CoreParser.open(Samples.path(A + "core-2-patched"))) {
            // a_bounds_check/README.md and core-2-patched.scan.txt
            assertThat(mem.read(0x558da327a000L, 8)).isEqualTo("KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(hex(mem.read(0x558da3275169L, 5))).isEqualTo("e903610000");
            assertThat(hex(mem.read(0x558da327a000L + 0x2080, 5))).isEqualTo("554889e589");
            // the region ends at 558da327d000: a read across its end stops there
            assertThat(mem.read(0x558da327d000L - 3, 16)).hasSize(3);
            assertThat(mem.whyUnavailable(0x558da327d000L)).isEqualTo("not mapped in the core");
            assertThat(mem.whyUnavailable(0x558da3276010L)).startsWith("not in core: mapped from /srv/kpcorpus/");
            assertThat(mem.fileOffset(0x558da327a000L)).isEqualTo(0x44a0);
        }
    }

    @Test
    void kernelCoreKeepsWhatItDidNotDumpOutOfReach() throws IOException {
        try (CoreImage mem = CoreParser.open(Samples.path(KERNEL + "core-kernel-sigabrt-patched"))) {
            CoreDump core = mem.core();
            // README: SIGABRT; the kernel writes NT_FILE offsets in pages of 4096;
            // libcare-ctl-patch.txt of that run: cmdline="build/lpmake/bounds_demo\x00100\x00"
            assertThat(core.process().psargs()).isEqualTo("build/lpmake/bounds_demo 100");
            assertThat(core.signal().signal().name()).isEqualTo("SIGABRT");
            assertThat(core.threads().get(0).signal().name()).isEqualTo("SIGABRT");
            assertThat(core.filePageSize()).isEqualTo(4096);
            // readelf -l: LOAD at 7f103bb3c000 has FileSiz 0x1000 of MemSiz 0x26000 (the first page of libc)
            Segment libc = core.loads().stream().filter(s -> s.vaddr() == 0x7f103bb3c000L).findFirst().orElseThrow();
            assertThat(libc.filesz()).isEqualTo(0x1000);
            assertThat(libc.memsz()).isEqualTo(0x26000);
            assertThat(mem.read(0x7f103bb3c000L, 4)).isEqualTo(new byte[] {0x7f, 'E', 'L', 'F'});
            assertThat(mem.read(0x7f103bb3c000L + 0xff0, 0x20)).hasSize(0x10);
            assertThat(mem.read(0x7f103bb3c000L + 0x1000, 8)).isEmpty();
            assertThat(mem.whyUnavailable(0x7f103bb3c000L + 0x1000))
                    .isEqualTo("not in core: PT_LOAD[9] (0x7f103bb3c000-0x7f103bb62000) holds 0x1000 of its 0x26000"
                            + " bytes; the rest was not dumped");
            // core-kernel-sigabrt-patched.scan.txt: region 56120f929000, entry e9 03 61 00 00 at 56120f924169
            assertThat(hex(mem.read(0x56120f924169L, 5))).isEqualTo("e903610000");
            assertThat(mem.read(0x56120f929000L, 7)).isEqualTo("KPATCH1".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {A + "core-2-patched", KERNEL + "core-kernel-sigabrt-patched",
        "libcare/f_incremental_stacked/runtime-chain/core-all-applied"})
    void programHeadersEqualReadelf(String core) throws Exception {
        assumeTrue(ReadelfOutput.available(), "readelf is not installed (.ci/run installs binutils)");
        Path p = Samples.path(core);
        Process pr = new ProcessBuilder("readelf", "-l", "-W", p.toString()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pr.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Pattern line = Pattern.compile("^\\s+(LOAD|NOTE)\\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ 0x([0-9a-f]+) 0x([0-9a-f]+)"
                + " (...) 0x([0-9a-f]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(out);
        List<String> expected = new ArrayList<>();
        while (m.find()) {
            expected.add(m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + m.group(4) + " " + m.group(5) + " "
                    + m.group(6).strip() + " " + m.group(7));
        }
        CoreDump c = CoreParser.parse(p);
        List<String> actual = new ArrayList<>();
        for (Segment s : c.segments()) {
            String f = (((s.flags() & 4) != 0 ? "R" : " ") + ((s.flags() & 2) != 0 ? "W" : " ")
                    + ((s.flags() & 1) != 0 ? "E" : " ")).strip();
            actual.add(s.type().name() + " " + Long.toHexString(s.offset()) + " " + Long.toHexString(s.vaddr()) + " "
                    + Long.toHexString(s.filesz()) + " " + Long.toHexString(s.memsz()) + " " + f + " "
                    + Long.toHexString(s.align()));
        }
        assertThat(expected).isNotEmpty();
        assertThat(actual).isEqualTo(expected.stream().map(x -> x.replaceAll(" 0+([0-9a-f])", " $1")).toList());
    }

    // ------------------------------------------------------------------ synthetic

    @Test
    void readsStopWhereTheCoreStopsHoldingBytes(@TempDir Path dir) throws IOException {
        byte[] page = new byte[0x1000];
        page[0] = 0x11;
        Path core = dir.resolve("core");
        Files.write(core, CoreWriter.x86_64().load(0x10000, "r-x", 0x3000, page).load(0x20000, "rw-", page).build());
        try (MemoryImage mem = CoreParser.open(core)) {
            assertThat(mem.read(0x10000, 1)).containsExactly(0x11);
            assertThat(mem.read(0x10ff0, 0x100)).hasSize(0x10);
            assertThat(mem.whyUnavailable(0x11000)).contains("holds 0x1000 of its 0x3000 bytes");
            assertThat(mem.whyUnavailable(0x30000)).isEqualTo("not mapped in the core");
            assertThat(mem.mappings()).extracting(Mapping::perms).containsExactly("r-x", "rw-");
        }
    }

    @Test
    void ntFileClaimingMoreEntriesThanItHoldsIsAWarningNotACrash(@TempDir Path dir) throws IOException {
        Path core = dir.resolve("core");
        CoreWriter w = CoreWriter.x86_64().file(0x400000, 0x401000, 0, "/bin/demo").fileCountOverride(1L << 40);
        Files.write(core, w.load(0x400000, "r-x", new byte[0x1000]).build());
        CoreDump c = CoreParser.parse(core);
        assertThat(c.files()).isEmpty();
        assertThat(c.warnings()).singleElement().satisfies(p -> {
            // 16 bytes of count and page size, one 24-byte entry, "/bin/demo\0"
            assertThat(p.reason()).isEqualTo("NT_FILE claims 1099511627776 mapped files but its 50-byte descriptor has"
                    + " room for at most 1");
            assertThat(p.offset()).isGreaterThan(64);
        });
        Files.write(core, CoreWriter.x86_64().file(0x400000, 0x401000, 0, "/bin/demo").fileCountOverride(-1)
                .load(0x400000, "r-x", new byte[16]).build());
        assertThat(CoreParser.parse(core).warnings()).singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("NT_FILE claims 18446744073709551615 mapped files"));
    }

    @Test
    void truncatedCoreSaysSo(@TempDir Path dir) throws IOException {
        Path core = dir.resolve("core");
        CoreWriter w = CoreWriter.x86_64().load(0x10000, "rw-", new byte[0x2000]);
        byte[] full = w.build();
        Files.write(core, java.util.Arrays.copyOf(full, full.length - 0x1800));
        try (MemoryImage mem = CoreParser.open(core)) {
            assertThat(mem.read(0x10000, 0x2000)).hasSize(0x800);
            assertThat(mem.whyUnavailable(0x10800)).contains("truncated core");
            assertThat(mem.warnings()).singleElement().satisfies(p -> assertThat(p.reason()).contains("truncated core"));
        }
    }

    @Test
    void malformedHeadersAreProblemsWithOffsets(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x");
        Files.write(f, new ElfWriter(64, true, ElfWriter.ET_EXEC, ElfWriter.EM_X86_64).build());
        assertThatThrownBy(() -> CoreParser.parse(f)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("not a core dump: e_type is 2 (ET_CORE is 4)");
        byte[] core = CoreWriter.x86_64().load(0x1000, "r--", new byte[8]).build();
        core[56] = (byte) 0xfe; // e_phnum 0x00fe: the table runs past the end of the file
        Files.write(f, core);
        assertThatThrownBy(() -> CoreParser.parse(f)).isInstanceOf(MalformedFileException.class)
                .satisfies(e -> assertThat(((MalformedFileException) e).problem().offset()).isEqualTo(32))
                .hasMessageContaining("program header table at 0x40 with 254 entries of 56 bytes extends past the end");
        Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        assertThatThrownBy(() -> CoreParser.parse(f)).hasMessageContaining("too short for an ELF identification");
        Files.write(f, "not an ELF file at all, long enough".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> CoreParser.parse(f)).hasMessageContaining("no ELF magic");
    }

    @Test
    void coresAboveTwoGibibytesAreReadByWindows(@TempDir Path dir) throws IOException {
        Path core = dir.resolve("big.core");
        byte[] far = "far away".getBytes(StandardCharsets.US_ASCII);
        long at = 3L << 30;
        CoreWriter.x86_64().load(0x10000, "rw-", new byte[] {1, 2, 3}).loadAt(at, 0x7f0000000000L, "r--", far)
                .write(core);
        assumeTrue(Files.size(core) > (3L << 30), "the file system did not keep the sparse file");
        try (CoreImage mem = CoreParser.open(core)) {
            assertThat(mem.read(0x7f0000000000L, far.length)).isEqualTo(far);
            assertThat(mem.fileOffset(0x7f0000000000L)).isEqualTo(at);
            assertThat(mem.core().size()).isEqualTo(at + far.length);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
