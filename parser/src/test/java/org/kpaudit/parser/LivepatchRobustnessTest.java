package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.testing.Samples;

/**
 * Corrupted copies of a real module (fixed seed): the reader either gives a model or a
 * {@link MalformedFileException} with a file and reason, never another exception or a hang.
 */
class LivepatchRobustnessTest {

    @Test
    void corruptedDataAndRelocationsNeverCrash() throws IOException {
        byte[] orig = Files.readAllBytes(Samples.path("klp/patch-b/patch-b.ko"));
        // from patch-b/README.md readelf -S: .data at 0x740 (0x448 bytes), .rela.data at 0x2c6c0 (0xf0),
        // .rela.init.text at 0x2c330 (0x48), .symtab at 0x2b6b0 (0x7c8)
        int[][] regions = {{0x740, 0x448}, {0x2c6c0, 0xf0}, {0x2c330, 0x48}, {0x2b6b0, 0x7c8}};
        Random rnd = new Random(4);
        int models = 0;
        for (int i = 0; i < 400; i++) {
            byte[] b = orig.clone();
            int[] r = regions[i % regions.length];
            for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
                b[r[0] + rnd.nextInt(r[1])] = (byte) rnd.nextInt(256);
            }
            try {
                LivepatchModule m = LivepatchParser.parse("fuzz.ko", ByteBuffer.wrap(b));
                assertThat(m.patch() != null || m.patchUnknown() != null).isTrue();
                models++;
            } catch (MalformedFileException e) {
                assertThat(e.problem().file()).isEqualTo("fuzz.ko");
                assertThat(e.problem().reason()).isNotBlank();
            }
        }
        assertThat(models).isPositive();
    }
}
