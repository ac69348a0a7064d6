package org.kpaudit.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.testing.Samples;

/** Differences between real patches, as their case READMEs state them. */
class PatchDifferTest {

    private static KpatchFile patch(String rel) throws IOException {
        return KpatchParser.parse(Samples.path(rel));
    }

    private static final String F = "libcare/f_incremental_stacked/level%d/patch/fb080d8b220ac2221c8f235ed385636698becbb2.kpatch";
    private static final String G = "libcare/g_func_filter/%s/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch";

    @Test
    void sameFunctionPatchedAgain() throws IOException {
        // f README: F1 check_port slen 36; F3 check_port slen 67; both orig 0x1179 dlen 19
        PatchDiff d = PatchDiffer.diff(patch(F.formatted(1)), patch(F.formatted(3)));
        // facts-fb080d8b.json of level1 and level3: same build_time 1795418662, sizes 4520 and 4552
        assertThat(d.header()).extracting(PatchDiff.FieldChange::field).containsExactly("id", "total_size");
        assertThat(d.header()).filteredOn(c -> c.field().equals("id")).singleElement()
                .satisfies(c -> assertThat(c.oldValue() + "->" + c.newValue()).isEqualTo("F1->F3"));
        assertThat(d.functions()).singleElement().satisfies(fc -> {
            assertThat(fc.function()).isEqualTo("check_port");
            assertThat(fc.change()).isEqualTo(PatchDiff.Change.CHANGED);
            assertThat(fc.details()).contains("new code size 36 -> 67").noneMatch(s -> s.startsWith("original "));
        });
    }

    @Test
    void differentFunctionsAndImports() throws IOException {
        // f README: F2 changes check_name and imports strlen@GLIBC_2.2.5
        PatchDiff d = PatchDiffer.diff(patch(F.formatted(1)), patch(F.formatted(2)));
        assertThat(d.functions()).extracting(f -> f.function() + " " + f.change())
                .containsExactly("check_name ADDED", "check_port REMOVED");
        assertThat(d.imports()).singleElement().satisfies(i -> {
            assertThat(i.name() + "@" + i.version()).isEqualTo("strlen@GLIBC_2.2.5");
            assertThat(i.change()).isEqualTo(PatchDiff.Change.ADDED);
        });
    }

    @Test
    void filterDropsFunctionsImportsAndRelocations() throws IOException {
        // g README: unfiltered has parse_level, report, main; filtered only parse_level; imports
        // printf, fflush, atoi, usleep -> atoi; .rela.kpatch.text 17 PC32 + 1 REX_GOTPCRELX -> 1 PC32
        PatchDiff d = PatchDiffer.diff(patch(G.formatted("unfiltered")), patch(G.formatted("filtered")));
        assertThat(d.functions()).extracting(f -> f.function() + " " + f.change())
                .containsExactly("main REMOVED", "report REMOVED");
        assertThat(d.imports()).extracting(i -> i.name() + " " + i.change())
                .containsExactlyInAnyOrder("printf REMOVED", "fflush REMOVED", "usleep REMOVED");
        assertThat(d.relocations()).extracting(c -> c.field() + " " + c.oldValue() + "->" + c.newValue())
                .containsExactly(".rela.kpatch.info R_X86_64_64 9->3", ".rela.kpatch.text R_X86_64_PC32 17->1",
                        ".rela.kpatch.text R_X86_64_REX_GOTPCRELX 1->null");
        assertThat(d.header()).extracting(PatchDiff.FieldChange::field).doesNotContain("id", "build_id");
    }

    @Test
    void aPatchAgainstItselfHasNoDifferences() throws IOException {
        KpatchFile a = patch(G.formatted("filtered"));
        assertThat(PatchDiffer.diff(a, a).isEmpty()).isTrue();
    }
}
