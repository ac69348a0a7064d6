package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.bytes;
import static org.kpaudit.analyzer.checks.Fixtures.patched;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;

/** {@link LayoutCheck}: KP111 file-layout. */
class LayoutCheckTest {

    @Test
    void realFileIsConsistent() {
        assertThat(run(new LayoutCheck(), sample(A))).isEmpty();
    }

    @Test
    void nonZeroPaddingIsReported() {
        // a_bounds_check/README: ELF of 4152 bytes at 504, then 8 zero bytes up to total_size 4664
        byte[] b = patched(bytes(A), 4663, (byte) 0x90);
        PatchSubject p = subject("x.kpatch", b, null, Policy.defaults());
        assertThat(run(new LayoutCheck(), p)).singleElement().satisfies(f -> {
            assertThat(f.location().byteOffset()).isEqualTo(504 + 4152);
            assertThat(f.location().byteLength()).isEqualTo(8);
            assertThat(f.message()).contains("padding");
        });
    }

    @Test
    void lyingTotalSizeAndOffsetAreReported() {
        byte[] elf = PatchBuilder.x86().changed("f", 0x10, 20, 30).build();
        byte[] big = new KpatchWriter().elf(elf).totalSize(504 + ((elf.length + 15) & ~15) + 32).build();
        assertThat(run(new LayoutCheck(), subject("x.kpatch", big, null, Policy.defaults())))
                .anySatisfy(f -> assertThat(f.message()).contains("total_size").contains("the file has"));
        byte[] shifted = new KpatchWriter().elf(elf).layout(4).build();
        assertThat(run(new LayoutCheck(), subject("x.kpatch", shifted, null, Policy.defaults())))
                .isEmpty();
    }
}
