package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kpaudit.testing.Samples;

/**
 * kpaudit in a JVM with a small heap (10 MiB), on every sample with every list expanded: the long
 * lists are written row by row (no tree of maps, no text of the whole output), so every format
 * fits. A file whose symbol table alone does not fit runs out of memory, which is one error line
 * and exit 3, not a stack trace.
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
    void textOfEverySampleFitsToo() throws Exception {
        CliRunner r = kpaudit("inspect", "--sections", "--symbols", "--relocs", "-f", "text", Samples.path(".").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void runningOutOfHeapIsOneErrorLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // 400,000 symbols: their decoded table needs far more than 10 MiB
        org.kpaudit.testing.ElfWriter w = new org.kpaudit.testing.ElfWriter(64, true,
                org.kpaudit.testing.ElfWriter.ET_DYN, org.kpaudit.testing.ElfWriter.EM_X86_64);
        org.kpaudit.testing.ElfWriter.Sec text = w.section(".text", org.kpaudit.testing.ElfWriter.SHT_PROGBITS, 6,
                0x1000, new byte[64]);
        List<org.kpaudit.testing.ElfWriter.Sym> syms = new java.util.ArrayList<>();
        for (int i = 0; i < 400_000; i++) {
            syms.add(new org.kpaudit.testing.ElfWriter.Sym("function_with_a_long_name_" + i, 0x1000 + i, 16, 2, 1,
                    text.index()));
        }
        w.symbolTable(".symtab", ".strtab", 2, syms);
        Path big = dir.resolve("big.so");
        java.nio.file.Files.write(big, w.build());
        CliRunner r = kpaudit("inspect", "--symbols", "-f", "text", big.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("kpaudit: error: out of memory (Java heap space): ");
    }
}
