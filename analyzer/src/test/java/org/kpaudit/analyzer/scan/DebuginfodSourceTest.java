package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/** The debuginfod client against a server of the JDK's that misbehaves on purpose. */
class DebuginfodSourceTest {

    // samples/libcare/a_bounds_check: original/bounds_demo has this build-id (readelf -n)
    private static final String BID = "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4";
    private static final String OTHER = "5dab96fb6b3137a6302e32bd0fe35ea649033313"; // b_shared_lib shapeapp

    private HttpServer server;
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange x) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            requests.incrementAndGet();
            Handler h = routes.get(x.getRequestURI().getPath());
            try {
                if (h == null) {
                    x.sendResponseHeaders(404, -1);
                } else {
                    h.handle(x);
                }
            } catch (IOException e) {
                // the client hung up: expected in the hostile cases
            } finally {
                x.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private DebuginfodSource source(Path cache, Limits l) {
        return new DebuginfodSource(List.of(url()), cache, new DebuginfodSource.Limits(l.size, l.stall, l.time));
    }

    private record Limits(long size, Duration stall, Duration time) {
        static Limits normal() {
            return new Limits(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(20));
        }
    }

    private static Handler file(byte[] body) {
        return x -> {
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        };
    }

    private static byte[] boundsDemo() throws IOException {
        return Files.readAllBytes(Samples.path("libcare/a_bounds_check/original/bounds_demo"));
    }

    @Test
    void theFileIsFetchedCheckedCachedAndNotExecutable(@TempDir Path cache) throws Exception {
        routes.put("/buildid/" + BID + "/executable", file(boundsDemo()));
        DebuginfodSource s = source(cache, Limits.normal());
        ObjectFileSource.Located l = s.find(BID).orElseThrow();
        assertThat(l.path()).isEqualTo(cache.resolve(BID).resolve("executable"));
        assertThat(l.how()).isEqualTo("debuginfod " + url() + "/buildid/" + BID + "/executable");
        assertThat(Files.readAllBytes(l.path())).isEqualTo(boundsDemo());
        assertThat(Files.getPosixFilePermissions(l.path())).doesNotContain(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(requests.get()).isEqualTo(1);
        // a second lookup reads the cache: no request
        assertThat(s.find(BID).orElseThrow().how()).startsWith("debuginfod cache ");
        assertThat(requests.get()).isEqualTo(1);
        // no partial file left behind
        try (var files = Files.list(cache.resolve(BID))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("executable");
        }
    }

    @Test
    void aServerWithoutTheFileIsNotAnError(@TempDir Path cache) throws Exception {
        assertThat(source(cache, Limits.normal()).find(BID)).isEmpty();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void aFileOfAnotherBuildIdIsDiscarded(@TempDir Path cache) throws Exception {
        routes.put("/buildid/" + OTHER + "/executable", file(boundsDemo()));
        assertThatThrownBy(() -> source(cache, Limits.normal()).find(OTHER))
                .hasMessageContaining("a file with build-id " + BID + ", not " + OTHER + "; discarded");
        assertThat(cache.resolve(OTHER).resolve("executable")).doesNotExist();
        // not an ELF file at all
        routes.put("/buildid/" + OTHER + "/executable", file("<html>hello</html>".getBytes()));
        assertThatThrownBy(() -> source(cache, Limits.normal()).find(OTHER))
                .hasMessageContaining("a file without a readable build-id");
    }

    @Test
    void aHugeBodyIsStoppedAtTheLimit(@TempDir Path cache) throws Exception {
        // announced: refused before reading
        routes.put("/buildid/" + BID + "/executable", x -> {
            x.sendResponseHeaders(200, 5L << 30);
            x.getResponseBody().write(new byte[1024]);
        });
        assertThatThrownBy(() -> source(cache, Limits.normal()).find(BID))
                .hasMessageContaining("the file is 5368709120 bytes, over the limit of 1048576");
        // not announced (chunked): stopped once past the limit
        AtomicInteger sent = new AtomicInteger();
        routes.put("/buildid/" + BID + "/executable", x -> {
            x.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 16];
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 1024; i++) { // 64 MiB if nobody stops it
                    o.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            }
        });
        assertThatThrownBy(() -> source(cache, Limits.normal()).find(BID))
                .hasMessageContaining("the server sent more than 1048576 bytes");
        assertThat(sent.get()).isLessThan(64 << 20);
        assertThat(cache.resolve(BID).resolve("executable")).doesNotExist();
    }

    @Test
    void aSilentOrSlowServerIsGivenUpOn(@TempDir Path cache) throws Exception {
        routes.put("/buildid/" + BID + "/executable", x -> {
            try {
                Thread.sleep(10_000); // never answers within the stall limit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Limits quick = new Limits(1 << 20, Duration.ofMillis(300), Duration.ofSeconds(20));
        assertThatThrownBy(() -> source(cache, quick).find(BID)).hasMessageContaining("no answer within");
        // answers, then trickles a byte every 100 ms: under the stall limit, over the whole-transfer limit
        routes.put("/buildid/" + BID + "/executable", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    o.write(0x7f);
                    o.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Limits trickle = new Limits(1 << 20, Duration.ofSeconds(2), Duration.ofMillis(500));
        assertThatThrownBy(() -> source(cache, trickle).find(BID)).hasMessageContaining("took longer than");
    }

    @Test
    void aBuildIdThatIsNotHexIsNeverSent(@TempDir Path cache) throws Exception {
        // a hostile core can claim any bytes as its build-id: they must not become a path or a URL
        assertThat(source(cache, Limits.normal()).find("../../etc/passwd")).isEmpty();
        assertThat(source(cache, Limits.normal()).find("ab/../../cd")).isEmpty();
        assertThat(requests.get()).isZero();
    }

    @Test
    void serverErrorsAreReportedWithTheUrl(@TempDir Path cache) throws Exception {
        routes.put("/buildid/" + BID + "/executable", x -> x.sendResponseHeaders(503, -1));
        assertThatThrownBy(() -> source(cache, Limits.normal()).find(BID))
                .hasMessageContaining(url() + "/buildid/" + BID + "/executable: HTTP 503");
    }

    @Test
    void urlsAndCacheFollowTheElfutilsVariables() {
        assertThat(DebuginfodSource.parseUrls(" http://a:8002  https://b/ ")).containsExactly(
                URI.create("http://a:8002"), URI.create("https://b"));
        assertThatThrownBy(() -> DebuginfodSource.parseUrls("file:///etc")).hasMessageContaining("not an http(s)");
        assertThat(DebuginfodSource.defaultCache(Map.of("DEBUGINFOD_CACHE_PATH", "/c", "XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/c"));
        assertThat(DebuginfodSource.defaultCache(Map.of("XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/x/kpaudit/debuginfod"));
        DebuginfodSource.Limits l = DebuginfodSource.Limits.fromEnvironment(Map.of("DEBUGINFOD_MAXSIZE", "1000",
                "DEBUGINFOD_TIMEOUT", "7", "DEBUGINFOD_MAXTIME", "x"));
        assertThat(l.maxSize()).isEqualTo(1000);
        assertThat(l.stall()).isEqualTo(Duration.ofSeconds(7));
        assertThat(l.maxTime()).isEqualTo(Duration.ofSeconds(300));
    }
}
