package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/** Damaged patches give findings or one-line problems, never a stack trace or an internal error. */
class CheckMalformedInputTest {

    @Test
    void truncatedAndBitFlippedPatchesAreHandled(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(Samples.path("libcare/d_data_refs/patch/012fe17a75af92cdb3253b343a8687b43fa7b45c.kpatch"));
        String target = Samples.path("libcare/d_data_refs/original/recorder").toString();
        Random rnd = new Random(3);
        for (int i = 0; i < 40; i++) {
            byte[] b;
            if (i < 10) {
                b = java.util.Arrays.copyOf(good, 504 + rnd.nextInt(good.length - 504));
            } else {
                b = good.clone();
                for (int k = 0; k < 8; k++) {
                    b[504 + rnd.nextInt(good.length - 504)] = (byte) rnd.nextInt(256);
                }
            }
            Path f = dir.resolve("p" + i + ".kpatch");
            Files.write(f, b);
            CliRunner r = CliRunner.run("check", "-f", "json", "--target", target, f.toString());
            assertThat(r.exitCode()).as("case %d: %s", i, r.err()).isIn(0, 1, 3);
            assertThat(r.err()).as("case %d", i).doesNotContain("internal error").doesNotContain("\tat ");
            if (r.exitCode() != 3) {
                assertThat(r.out()).contains("\"schema\" : \"kpaudit-check/1\"");
            }
        }
    }
}
