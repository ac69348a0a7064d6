package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;
import static org.kpaudit.analyzer.livepatch.Fixtures.text;

import org.junit.jupiter.api.Test;

class ModversionCheckTest {

    private final ModversionCheck check = new ModversionCheck();

    // CRCs of patch-a.ko's __versions as `readelf -x __versions` shows them (little-endian words at
    // 0x00, 0x40, 0x80, 0xc0): klp_enable_patch f8d43941, seq_write f075a5b7, __x86_return_thunk ca39825b,
    // __fentry__ bb6dfbbd
    private static final String SAME = "0x4139d4f8\tklp_enable_patch\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
            + "0xb7a575f0\tseq_write\tvmlinux\tEXPORT_SYMBOL\t\n"
            + "0x5b8239ca\t__x86_return_thunk\tvmlinux\tEXPORT_SYMBOL\t\n"
            + "0xbdfb6dbb\t__fentry__\tvmlinux\tEXPORT_SYMBOL\t\n";

    @Test
    void sameCrcsPass() {
        assertThat(run(check, Fixtures.patchA(), text(SAME))).isEmpty();
        // System.map has no CRCs: nothing to compare
        assertThat(run(check, Fixtures.patchA(), text("ffffffff82000030 r __ksymtab_seq_write\n"))).isEmpty();
    }

    @Test
    void changedCrcIsRefused() {
        String changed = SAME.replace("0xb7a575f0", "0x12345678");
        assertThat(run(check, Fixtures.patchA(), text(changed))).singleElement().satisfies(f -> {
            assertThat(f.checkId()).isEqualTo("KL115");
            assertThat(f.message()).contains("CRC 0xb7a575f0").contains("CRC 0x12345678")
                    .contains("disagrees about version of symbol seq_write");
            assertThat(f.location().section()).isEqualTo("__versions");
            // patch-a/README.md readelf -S: __versions at file offset 0x300; seq_write is its second entry
            assertThat(f.location().byteOffset()).isEqualTo(0x300 + 0x40);
        });
    }
}
