package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.parser.LivepatchParser;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.VmlinuxWriter;

/** Every livepatch check over corrupted copies of real modules (fixed seed): findings, never a crashed check. */
class AnalyzerRobustnessTest {

    @Test
    void checksNeverCrashOnCorruptedModules() throws IOException {
        byte[] a = Files.readAllBytes(Samples.path("klp/patch-a/patch-a.ko"));
        byte[] b = Files.readAllBytes(Samples.path("klp/patch-b/patch-b.ko"));
        // .data, .rela.data, .symtab and .strtab of patch-b (patch-b/README.md readelf -S)
        int[][] regions = {{0x740, 0x448}, {0x2c6c0, 0xf0}, {0x2b6b0, 0x7c8}, {0x2be78, 0x2eb}};
        var targets = List.of(Fixtures.text("0x0\tseq_write\tvmlinux\tEXPORT_SYMBOL\t\n"),
                Fixtures.text("ffffffff81390a10 t cmdline_proc_show\nffffffff81391000 t version_proc_show\n"),
                Fixtures.vmlinux(new VmlinuxWriter().function("cmdline_proc_show", 0L)
                        .function("version_proc_show", null)));
        Random rnd = new Random(11);
        int runs = 0;
        for (int i = 0; i < 200; i++) {
            byte[] c = b.clone();
            int[] r = regions[i % regions.length];
            for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                c[r[0] + rnd.nextInt(r[1])] = (byte) rnd.nextInt(256);
            }
            List<LivepatchModule> ms = new ArrayList<>();
            ms.add(LivepatchParser.parse("a.ko", ByteBuffer.wrap(a)));
            try {
                ms.add(LivepatchParser.parse("fuzz.ko", ByteBuffer.wrap(c)));
            } catch (MalformedFileException e) {
                continue;
            }
            LivepatchAnalyzer.Report rep = LivepatchAnalyzer.run(ms, targets);
            assertThat(rep.notifications()).isEmpty();
            runs++;
        }
        assertThat(runs).isGreaterThan(50);
    }
}
