package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.testing.Samples;

/**
 * The real {@code debuginfod} server (elfutils, Debian package debuginfod; .ci/run installs it)
 * on 127.0.0.1 over a scratch folder of the sample cores' mapped files: every LibcarePlus core in
 * samples/ is then verified in full, and the scan equals the one with the same files under
 * {@code --sysroot}. Without the program the test is skipped, unless KPAUDIT_REQUIRE_DEBUGINFOD is
 * set (as in CI), where its absence fails.
 */
class DebuginfodScanTest {

    // the cores' objects (the maps beside each core) and where samples/ has their files
    private static final Map<String, String> FILES = Map.of(
            "/srv/kpcorpus/a_bounds_check/build/lpmake/bounds_demo", "libcare/a_bounds_check/original/bounds_demo",
            "/srv/kpcorpus/b_shared_lib/build/lpmake/shapeapp", "libcare/b_shared_lib/original/shapeapp",
            "/srv/kpcorpus/b_shared_lib/build/lpmake/libshape.so", "libcare/b_shared_lib/original/libshape.so",
            "/srv/kpcorpus/f_incremental_stacked/level1/build/lpmake/portcheck",
            "libcare/f_incremental_stacked/original/portcheck",
            "/srv/hookdemo/hookdemo", "forensics/inline-hook/hookdemo");
    // libc and the dynamic loader the cores map (build-ids from memory, libcare/README.md: Debian 12)
    private static final Map<String, String> SYSTEM = Map.of(
            "/usr/lib/x86_64-linux-gnu/libc.so.6", "93ac61ec5a8eb1396f9fbd350e3169a558528a40",
            "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "7ebc65e52f2bbea498b4040fa92f7238377aaba9");

    @TempDir
    static Path work;
    private static Process server;
    private static String url;
    private static Path sysroot;
    /** True when this machine's libc and loader are the cores' (then the scans are complete). */
    private static boolean sameSystem = true;

    @BeforeAll
    static void startServer() throws Exception {
        Path exe = onPath("debuginfod");
        if (exe == null) {
            if (System.getenv("KPAUDIT_REQUIRE_DEBUGINFOD") != null) {
                throw new AssertionError("debuginfod is not installed (apt-get install debuginfod)");
            }
            Assumptions.abort("debuginfod is not installed");
        }
        Path served = Files.createDirectories(work.resolve("served"));
        sysroot = Files.createDirectories(work.resolve("root"));
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            place(Samples.path(e.getValue()), served, e.getKey());
        }
        for (Map.Entry<String, String> e : SYSTEM.entrySet()) {
            Path host = Path.of(e.getKey());
            if (Files.isRegularFile(host) && e.getValue().equals(ElfParser.parse(host).buildId().orElse(null))) {
                place(host, served, e.getKey());
            } else {
                sameSystem = false;
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new ProcessBuilder(exe.toString(), "-F", served.toString(), "-p", String.valueOf(port),
                "-d", work.resolve("index.sqlite").toString(), "-t", "0", "-g", "0")
                .redirectErrorStream(true).redirectOutput(work.resolve("debuginfod.log").toFile()).start();
        url = "http://127.0.0.1:" + port;
        // the server answers 404 until its first scan of the folder is done
        String probe = url + "/buildid/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4/executable";
        long until = System.nanoTime() + 60_000_000_000L;
        while (status(probe) != 200) {
            if (System.nanoTime() > until || !server.isAlive()) {
                throw new AssertionError("debuginfod did not serve " + probe + ": "
                        + Files.readString(work.resolve("debuginfod.log")));
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    private static void place(Path file, Path served, String mappedPath) throws IOException {
        Path name = served.resolve(mappedPath.substring(1).replace('/', '_'));
        Files.copy(file, name);
        Path at = sysroot.resolve(mappedPath.substring(1));
        Files.createDirectories(at.getParent());
        Files.copy(file, at);
    }

    private static int status(String u) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(u).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"libcare/a_bounds_check/runtime/core-1-unpatched",
        "libcare/a_bounds_check/runtime/core-2-patched", "libcare/a_bounds_check/runtime/core-3-after-unpatch",
        "libcare/a_bounds_check/runtime-kernel-core/core-kernel-sigabrt-patched",
        "libcare/b_shared_lib/runtime/core-2-patched", "libcare/f_incremental_stacked/runtime-chain/core-all-applied",
        "forensics/inline-hook/core-hooked"})
    void filesFromDebuginfodVerifyTheCoreAsTheSysrootDoes(String core) throws Exception {
        String c = Samples.path(core).toString();
        Path cache = work.resolve("cache");
        CliRunner fetched = CliRunner.run("scan", "-f", "json", "--no-debuginfod", "--debuginfod", url,
                "--cache-dir", cache.toString(), c);
        CliRunner local = CliRunner.run("scan", "-f", "json", "--sysroot", sysroot.toString(), c);
        assertThat(fetched.err()).isEmpty();
        assertThat(fetched.exitCode()).isEqualTo(local.exitCode());
        JsonNode f = new ObjectMapper().readTree(fetched.out());
        JsonNode l = new ObjectMapper().readTree(local.out());
        for (JsonNode o : f.at("/scans/0/objects")) {
            if (sameSystem || FILES.containsKey(o.get("path").asText())) {
                assertThat(o.get("verified").asBoolean()).as(o.get("path").asText()).isTrue();
                assertThat(o.get("file_from").asText()).startsWith("debuginfod ");
            }
        }
        if (sameSystem) {
            assertThat(f.at("/summary/unverified").asInt()).isZero();
            assertThat(f.at("/summary/verification/objects_unverified").asInt()).isZero();
            assertThat(f.at("/summary/verdict").asText()).isIn("PASS", "FAIL");
        }
        // the same result as with the files under --sysroot, but for where the files came from
        assertThat(withoutFileNames(f)).isEqualTo(withoutFileNames(l));
    }

    @org.junit.jupiter.api.Test
    void checkFetchesTheTargetOfAPatch() throws Exception {
        CliRunner r = CliRunner.run("check", "-f", "json", "--no-debuginfod", "--debuginfod", url, "--cache-dir",
                work.resolve("cache-check").toString(), Samples.path("libcare/a_bounds_check/patch").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode t = new ObjectMapper().readTree(r.out());
        assertThat(t.at("/patches/0/target/status").asText()).isEqualTo("match");
        assertThat(t.at("/summary/verdict").asText()).isEqualTo("PASS");
        // a server that does not answer: the target checks did not run, which is said, and is not a tool error
        try (ServerSocket closed = new ServerSocket(0)) {
            String dead = "http://127.0.0.1:" + closed.getLocalPort();
            closed.close();
            CliRunner d = CliRunner.run("check", "-f", "json", "--no-debuginfod", "--debuginfod", dead, "--cache-dir",
                    work.resolve("cache-dead").toString(), Samples.path("libcare/a_bounds_check/patch").toString());
            assertThat(d.exitCode()).isZero();
            assertThat(d.err()).startsWith("kpaudit: warning: debuginfod " + dead + ": target a089a4f5");
            JsonNode x = new ObjectMapper().readTree(d.out());
            assertThat(x.at("/findings/0/check").asText()).isEqualTo("KP105");
            assertThat(x.at("/summary/verdict").asText()).isEqualTo("INCOMPLETE");
        }
    }

    /** The report with the objects' file names and sources, and the notes naming them, taken out. */
    private static JsonNode withoutFileNames(JsonNode report) {
        JsonNode copy = report.deepCopy();
        for (JsonNode o : copy.at("/scans/0/objects")) {
            ((ObjectNode) o).remove(List.of("file", "file_from", "note"));
        }
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode x : copy.get("findings")) {
            if (!x.get("check").asText().equals("SC201")) { // its message names where it looked
                kept.add(x);
            }
        }
        ((ObjectNode) copy).putArray("findings").addAll(kept);
        return copy;
    }
}
