package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.UpatchWriter;

/** check takes SysCare upatch objects beside .kpatch files (issue 14's hand-mutated cases). */
class UpatchCheckCommandTest {

    private static final String BID = "2f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c";

    /** The target: do_check at 0x1180, 0x30 bytes; returns old_addr as upatch-diff would write it. */
    private static long writeTarget(Path file) throws Exception {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1000, new byte[0x400]);
        w.note(".note.gnu.build-id", "GNU", 3, HexFormat.of().parseHex(BID));
        w.symtab(List.of(ElfWriter.Sym.func("do_check", 0x1180, 0x30, text.index())));
        Files.write(file, w.build());
        org.kpaudit.model.Section t = org.kpaudit.parser.ElfParser.parse(file).section(".text").orElseThrow();
        return 0x1180 - (t.addr() - t.offset());
    }

    @Test
    void aGoodPatchPassesAndEachMutationIsFound(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("app");
        long old = writeTarget(target);
        Path good = dir.resolve("good");
        Files.createDirectories(good);
        Files.write(good.resolve("p.upatch"), new UpatchWriter().func("do_check", 64, old, 0x30, 0).build());
        CliRunner ok = CliRunner.run("check", "-f", "json", "--target", target.toString(), good.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(new ObjectMapper().readTree(ok.out()).at("/summary/verdict").asText()).isEqualTo("PASS");

        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.write(bad.resolve("small.upatch"), new UpatchWriter().func("do_check", 64, old, 10, 0).build());
        Files.write(bad.resolve("forged.upatch"), new UpatchWriter().func("do_check", 64, old, 0x30, 0)
                .buildId("00000000000000000000000000000000deadbeef").build());
        Files.write(bad.resolve("swapped.upatch"), new UpatchWriter().func("do_check", 64, old, 0x30, 0)
                .func("other", 16, old + 0x40, 0x20, 0).swapStrings().build());
        CliRunner r = CliRunner.run("check", "-f", "json", "--target", target.toString(), bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings");
        assertThat(f).anySatisfy(x -> {
            assertThat(x.get("check").asText()).isEqualTo("UP102");
            assertThat(x.get("file").asText()).endsWith("small.upatch");
        }).anySatisfy(x -> {
            assertThat(x.get("check").asText()).isEqualTo("UP104");
            assertThat(x.get("file").asText()).endsWith("forged.upatch");
        }).anySatisfy(x -> {
            assertThat(x.get("check").asText()).isEqualTo("UP103");
            assertThat(x.get("file").asText()).endsWith("swapped.upatch");
        });
        // kpaudit checks lists the upatch checks
        assertThat(CliRunner.run("checks", "-f", "text").out()).contains("UP101").contains("UP105");
    }
}
