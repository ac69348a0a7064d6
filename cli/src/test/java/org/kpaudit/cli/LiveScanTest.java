package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kpaudit scan --pid} on a small program of the test's own, compiled here when a C
 * compiler is present (skipped with a message otherwise). The program is started, scanned while
 * it waits, and killed.
 */
class LiveScanTest {

    static final String SOURCE = """
            #include <stdint.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/mman.h>
            #include <unistd.h>

            __attribute__((noinline)) int victim(int x) { return x * 3 + 1; }

            int main(int argc, char **argv) {
                if (argc > 1) {
                    /* what an inline hook does: a jump over the function's first bytes, to code 1 GiB away */
                    uintptr_t page = (uintptr_t) victim & ~(uintptr_t) 4095;
                    if (mprotect((void *) page, 8192, PROT_READ | PROT_WRITE | PROT_EXEC) != 0) return 2;
                    unsigned char *p = (unsigned char *) victim;
                    int32_t rel = 0x40000000;
                    p[0] = 0xe9;
                    memcpy(p + 1, &rel, 4);
                }
                printf("ready %p\\n", (void *) victim);
                fflush(stdout);
                for (;;) pause();
            }
            """;

    static boolean gcc;

    @BeforeAll
    static void compilerPresent() {
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            gcc = p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            gcc = false;
        }
    }

    static Path compile(Path dir) throws Exception {
        assumeTrue(gcc, "no C compiler (gcc) on this machine: the --pid scan test is skipped");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc file system: the --pid scan test is skipped");
        Path src = dir.resolve("livedemo.c");
        Files.writeString(src, SOURCE);
        Path exe = dir.resolve("livedemo");
        Process cc = new ProcessBuilder("gcc", "-O0", "-o", exe.toString(), src.toString()).redirectErrorStream(true)
                .start();
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cc.waitFor()).as(log).isZero();
        return exe;
    }

    /** Starts the program, waits for its "ready" line, runs the scan, kills the program. */
    static CliRunner scanRunning(Path exe, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add(exe.toString());
        pb.command().addAll(java.util.List.of(args));
        Process p = pb.redirectErrorStream(true).start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            assertThat(line).startsWith("ready");
            return CliRunner.run("scan", "-f", "json", "--pid", Long.toString(p.pid()));
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void unpatchedProcessHasNoPatchAndNoFinding(@TempDir Path dir) throws Exception {
        Path exe = compile(dir);
        CliRunner r = scanRunning(exe);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode s = new ObjectMapper().readTree(r.out()).at("/scans/0");
        assertThat(s.get("kind").asText()).isEqualTo("process");
        assertThat(s.at("/process/name").asText()).isEqualTo("livedemo");
        assertThat(s.get("patches")).isEmpty();
        assertThat(s.get("scanned_bytes").asLong()).isPositive();
        JsonNode self = null;
        for (JsonNode o : s.get("objects")) {
            if (o.get("path").asText().equals(exe.toRealPath().toString())) {
                self = o;
            }
        }
        assertThat(self).as("the program itself among the objects").isNotNull();
        assertThat(self.get("build_id_from").asText()).isEqualTo("memory");
        // its file is on disk: every function entry was compared with it
        assertThat(s.at("/verification/function_entries_compared_with_files").asLong()).isPositive();
        assertThat(s.at("/verification/objects_verified").asLong()).isPositive();
        // every object of a live process is on disk: nothing left unverified, and the verdict is PASS
        assertThat(new ObjectMapper().readTree(r.out()).get("findings")).isEmpty();
        assertThat(new ObjectMapper().readTree(r.out()).at("/summary/verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void aHookTheProcessWroteIntoItsOwnTextIsFound(@TempDir Path dir) throws Exception {
        Path exe = compile(dir);
        CliRunner r = scanRunning(exe, "hook");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/findings/0");
        assertThat(f.get("check").asText()).isEqualTo("SC101");
        assertThat(f.at("/location/function").asText()).isEqualTo("victim");
        assertThat(f.at("/location/file").asText()).startsWith("pid ");
        assertThat(f.get("message").asText()).contains("holds e9 00 00 00 40");
    }
}
