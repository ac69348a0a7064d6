package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.UpatchPatch;
import org.kpaudit.testing.UpatchWriter;

/** The upatch table decoded through its relocations (upatch-format.md section 3). */
class UpatchParserTest {

    private static UpatchPatch parse(UpatchWriter w) {
        return UpatchParser.of(ElfParser.parse("p.upatch", ByteBuffer.wrap(w.build())));
    }

    @Test
    void entriesNamesAndTheTargetsBuildId() {
        UpatchPatch p = parse(new UpatchWriter().func("do_check", 0x40, 0x1180, 0x30, 0).func("parse_args", 0x80, 0x1200,
                0x64, 2));
        assertThat(UpatchParser.isUpatch(p.elf())).isTrue();
        assertThat(p.problems()).isEmpty();
        assertThat(p.targetBuildId()).isEqualTo("2f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c");
        assertThat(p.functions()).extracting(UpatchPatch.UpatchFunction::name, UpatchPatch.UpatchFunction::newSymbol,
                UpatchPatch.UpatchFunction::newSize, UpatchPatch.UpatchFunction::oldAddr,
                UpatchPatch.UpatchFunction::oldSize, UpatchPatch.UpatchFunction::sympos).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("do_check", "do_check", 0x40L, 0x1180L, 0x30L, 0L),
                        org.assertj.core.groups.Tuple.tuple("parse_args", "parse_args", 0x80L, 0x1200L, 0x64L, 2L));
        assertThat(p.livepatchSymbols()).isEqualTo(1);
        assertThat(p.undefinedSymbols()).containsExactly("printf");
    }

    @Test
    void namesComeFromTheRelocationsNotTheStringOrder() {
        UpatchPatch p = parse(new UpatchWriter().func("first", 16, 0x1000, 32, 0).func("second", 16, 0x1100, 32, 0)
                .swapStrings());
        assertThat(p.functions()).extracting(UpatchPatch.UpatchFunction::name).containsExactly("first", "second");
        // what upatch-manage (master) would pair: the n-th string with the n-th entry
        assertThat(p.functions()).extracting(UpatchPatch.UpatchFunction::nameByOrder).containsExactly("second", "first");
    }

    @Test
    void aMissingRelocationIsAProblemNotAGuess() {
        UpatchPatch p = parse(new UpatchWriter().func("only", 16, 0x1000, 32, 0).dropRelocations(1));
        assertThat(p.functions()).singleElement().satisfies(f -> {
            assertThat(f.name()).isNull();
            assertThat(f.newSymbol()).isEqualTo("only");
        });
        assertThat(p.problems()).containsExactly("1 relocations of .upatch.funcs for 1 entries (2 per entry expected)");
    }
}
