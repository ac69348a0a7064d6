package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kpaudit.testing.Samples;

/**
 * kpaudit in a JVM with a small heap (10 MiB), on every sample with every list expanded. JSON and
 * YAML are written one file at a time, so they need the heap of the largest single description;
 * text builds the whole list first (its header gives the count) and runs out of memory, which is
 * one error line and exit 3, not a stack trace.
 */
class HeapLimitTest {

    private static final String HEAP = "-Xmx10m";

    private static CliRunner kpaudit(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        // read stderr beside stdout so that neither pipe fills
        java.util.concurrent.CompletableFuture<byte[]> err =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return p.getErrorStream().readAllBytes();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        long outBytes = p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CliRunner(p.exitValue(), outBytes + " bytes", new String(err.get(), StandardCharsets.UTF_8));
    }

    @Test
    void jsonOfEverySampleWithEveryListFitsInASmallHeap() throws Exception {
        CliRunner r = kpaudit("inspect", "--sections", "--symbols", "--relocs", "-f", "json", Samples.path(".").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void runningOutOfHeapIsOneErrorLine() throws Exception {
        CliRunner r = kpaudit("inspect", "--sections", "--symbols", "--relocs", "-f", "text", Samples.path(".").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("kpaudit: error: out of memory (Java heap space): ");
    }
}
