package org.kpaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.testing.Samples;

/** The long lists decoded on two threads (a twin reader) give the description of one thread. */
class InspectViewTest {

    private static final InspectView.Options ALL = new InspectView.Options(true, true, true);

    private static String describe(byte[] file, boolean twin) {
        ElfFile elf = ElfParser.parse("x.so", ByteBuffer.wrap(file));
        Map<String, Object> t = InspectView.elf(elf, "elf-shared-object", ALL,
                twin ? ElfParser.parse("x.so", ByteBuffer.wrap(file)) : null);
        return TreeWriter.toString(t, OutputFormat.JSON);
    }

    @Test
    void aSharedLibraryIsDescribedTheSameOnTwoThreads() throws Exception {
        // b_shared_lib's libshape.so: .symtab, .dynsym with versions, .rela.dyn (readelf -S)
        byte[] lib = Files.readAllBytes(Samples.path("libcare/b_shared_lib/original/libshape.so"));
        String one = describe(lib, false);
        assertThat(one).contains("\"dynsym\" : [").contains("\"relocation_entries\" : [").contains(".rela.dyn");
        assertThat(describe(lib, true)).isEqualTo(one);
    }

    @Test
    void warningsKeepTheirOrderAndFailuresTheirMessage() throws Exception {
        byte[] lib = Files.readAllBytes(Samples.path("libcare/b_shared_lib/original/libshape.so"));
        // cut inside the section header table's neighbourhood: the parse warns, the tables may fail
        for (int cut : new int[] {lib.length - 1, lib.length - 200, lib.length * 3 / 4, lib.length / 2}) {
            byte[] part = java.util.Arrays.copyOf(lib, cut);
            String one;
            try {
                one = describe(part, false);
            } catch (MalformedFileException e) {
                assertThatThrownBy(() -> describe(part, true)).isInstanceOf(MalformedFileException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(describe(part, true)).as("cut at %d", cut).isEqualTo(one);
        }
    }
}
