package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.testing.Samples;

class LiveProcessTest {

    @Test
    void mapsFilesOfTheCorpusParse() throws IOException {
        List<Mapping> maps = LiveProcess.parseMaps("maps",
                Samples.path("libcare/b_shared_lib/runtime/maps-2-patched.txt"));
        // b_shared_lib/README.md: the patch region is an r-xp 0x2000 + rw-p 0x1000 anonymous pair
        Mapping rx = maps.stream().filter(m -> m.start() == 0x7f23f57bd000L).findFirst().orElseThrow();
        assertThat(rx.perms()).isEqualTo("r-xp");
        assertThat(rx.size()).isEqualTo(0x2000);
        assertThat(rx.anonymous()).isTrue();
        Mapping rw = maps.get(maps.indexOf(rx) + 1);
        assertThat(rw.start()).isEqualTo(rx.end());
        assertThat(rw.perms()).isEqualTo("rw-p");
        Mapping lib = maps.stream().filter(m -> m.start() == 0x7f23f5779000L).findFirst().orElseThrow();
        assertThat(lib.path()).isEqualTo("/srv/kpcorpus/b_shared_lib/build/lpmake/libshape.so");
        assertThat(lib.fileOffset()).isEqualTo(0x1000);
        assertThat(maps.stream().filter(m -> "[heap]".equals(m.path()))).hasSize(1);
        assertThat(maps.get(maps.size() - 1).start()).isEqualTo(0xffffffffff600000L);
    }

    @Test
    void aBadMapsLineIsAProblemNamingIt(@TempDir Path dir) throws IOException {
        Path maps = dir.resolve("maps");
        Files.writeString(maps, "00400000-00401000 r-xp 00000000 08:01 12 /bin/x\nthis is not a maps line\n");
        assertThatThrownBy(() -> LiveProcess.parseMaps("pid 7", maps)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 2 is not a maps line");
    }

    @Test
    void readsAddressesThroughMemAndStopsAtHoles(@TempDir Path proc) throws IOException {
        // a stand-in for /proc/PID: maps, and a sparse "mem" file whose offsets are addresses
        Path dir = Files.createDirectories(proc.resolve("4242"));
        Files.writeString(dir.resolve("maps"), "00010000-00011000 r-xp 00000000 00:00 0 \n"
                + "00020000-00021000 ---p 00000000 00:00 0 \n"
                + "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("mem").toFile(), "rw")) {
            f.seek(0x10000);
            f.write("KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1));
            f.setLength(0x11000);
        }
        Files.writeString(dir.resolve("comm"), "demo\n");
        try (LiveProcess p = LiveProcess.open(4242, proc)) {
            assertThat(p.kind()).isEqualTo(MemoryImage.Kind.PROCESS);
            assertThat(p.comm()).isEqualTo("demo");
            assertThat(p.mappings()).hasSize(3);
            assertThat(p.present()).hasSize(1);
            assertThat(p.read(0x10000, 8)).isEqualTo("KPATCH1\0".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(p.read(0x10ff8, 64)).hasSize(8);
            assertThat(p.read(0xffffffffff600000L, 8)).isEmpty();
            assertThat(p.whyUnavailable(0x20000)).isEqualTo("mapping ---p is not readable");
            assertThat(p.whyUnavailable(0x30000)).isEqualTo("not mapped in the process");
            assertThat(p.fileOffset(0x10000)).isEqualTo(-1);
        }
    }

    @Test
    void aMissingProcessIsAProblem(@TempDir Path proc) {
        assertThatThrownBy(() -> LiveProcess.open(99, proc)).isInstanceOf(MalformedFileException.class)
                .satisfies(e -> assertThat(((MalformedFileException) e).problem().file()).isEqualTo("pid 99"))
                .hasMessageContaining("no such process");
    }

    @Test
    void readsItsOwnProcess() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "no /proc file system here");
        long pid = ProcessHandle.current().pid();
        try (LiveProcess p = LiveProcess.open(pid)) {
            Mapping first = p.mappings().stream().filter(m -> m.fileBacked() && m.fileOffset() == 0 && m.readable())
                    .findFirst().orElseThrow();
            byte[] head = p.read(first.start(), 4);
            // the first page of a mapped ELF object (the java launcher or a library) is its ELF header
            if (Files.isReadable(Path.of(first.path()))) {
                byte[] file = Files.readAllBytes(Path.of(first.path()));
                assertThat(head).isEqualTo(java.util.Arrays.copyOf(file, 4));
            }
            assertThat(p.machine()).isNotNull();
        }
    }
}
