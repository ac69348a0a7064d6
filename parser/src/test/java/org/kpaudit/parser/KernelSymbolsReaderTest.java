package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.model.KernelSymbol;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.VmlinuxWriter;

class KernelSymbolsReaderTest {

    private static KernelSymbols text(String s) throws IOException {
        return KernelSymbolsReader.fromText("list", new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void moduleSymvers() throws IOException {
        // the format of modpost write_dump(): 0x%08x\t%s\t%s\tEXPORT_SYMBOL%s\t%s\n
        KernelSymbols k = text("0x1a2b3c4d\tseq_write\tvmlinux\tEXPORT_SYMBOL\t\n"
                + "0x00000001\tklp_enable_patch\tvmlinux\tEXPORT_SYMBOL_GPL\t\n"
                + "0xdeadbeef\tfoo_ns\tdrivers/foo/foo\tEXPORT_SYMBOL_GPL\tFOO_NS\n");
        assertThat(k.format()).isEqualTo(KernelSymbols.Format.MODULE_SYMVERS);
        assertThat(k.hasAllSymbols()).isFalse();
        assertThat(k.objects()).isEmpty();
        assertThat(k.export("seq_write")).get().extracting(KernelSymbols.Export::crc).isEqualTo(0x1a2b3c4dL);
        assertThat(k.export("klp_enable_patch").get().exportType()).isEqualTo("EXPORT_SYMBOL_GPL");
        assertThat(k.export("foo_ns").get().namespace()).isEqualTo("FOO_NS");
        assertThat(k.export("foo_ns").get().module()).isEqualTo("drivers/foo/foo");
        assertThat(k.export("cmdline_proc_show")).isEmpty();
        assertThat(k.ftrace()).isNull();
        assertThat(k.ftraceUnknown()).contains("vmlinux");
        assertThat(k.warnings()).isEmpty();
    }

    @Test
    void systemMapAndKallsyms() throws IOException {
        String map = "ffffffff81000000 T _text\n"
                + "ffffffff81390a10 t cmdline_proc_show\n"
                + "ffffffff813a0000 t show_one\n"
                + "ffffffff813b0000 t show_one\n"
                + "ffffffff81400000 T seq_write\n"
                + "ffffffff82700000 r __ksymtab_seq_write\n";
        KernelSymbols k = text(map);
        assertThat(k.format()).isEqualTo(KernelSymbols.Format.SYSTEM_MAP);
        assertThat(k.objects()).containsExactly("vmlinux");
        assertThat(k.named("vmlinux", "show_one")).hasSize(2);
        assertThat(k.named("vmlinux", "cmdline_proc_show")).singleElement()
                .extracting(KernelSymbol::local).isEqualTo(true);
        assertThat(k.export("seq_write")).isPresent();
        assertThat(k.export("cmdline_proc_show")).isEmpty();

        KernelSymbols ks = text(map + "ffffffffc0a01000 t ext4_fill_super\t[ext4]\n"
                + "ffffffffc0a02000 r __ksymtab_ext4_helper\t[ext4]\n");
        assertThat(ks.format()).isEqualTo(KernelSymbols.Format.KALLSYMS);
        assertThat(ks.objects()).containsExactlyInAnyOrder("vmlinux", "ext4");
        assertThat(ks.named("ext4", "ext4_fill_super")).hasSize(1);
        assertThat(ks.named("vmlinux", "ext4_fill_super")).isEmpty();
        assertThat(ks.export("ext4_helper").get().module()).isEqualTo("ext4");
    }

    @Test
    void restrictedKallsymsAndBadLines() throws IOException {
        KernelSymbols k = text("0000000000000000 T _text\nnot a line\n0000000000000000 t foo\r\n");
        assertThat(k.named("vmlinux", "foo")).hasSize(1);
        assertThat(k.warnings()).extracting(p -> p.reason()).anyMatch(r -> r.contains("line 2 is not a System.map"))
                .anyMatch(r -> r.contains("every address is 0"));
        assertThatThrownBy(() -> text("hello world\n")).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("line 1 is neither");
        assertThatThrownBy(() -> text("\n\n")).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("empty symbol list");
    }

    @Test
    void overlongLineIsSkipped() throws IOException {
        String longLine = "f".repeat(KernelSymbolsReader.MAX_LINE + 10);
        KernelSymbols k = text("ffffffff81000000 T _text\n" + longLine + "\nffffffff81000010 t foo\n");
        assertThat(k.named("vmlinux", "foo")).hasSize(1);
        assertThat(k.warnings()).extracting(p -> p.reason()).anyMatch(r -> r.contains("longer than"));
    }

    @Test
    void realModuleAsTargetGivesItsFtraceSites() throws IOException {
        // patch-b/README.md: .rela__mcount_loc .text+0x14, +0x54, +0x94, +0xe4; pb_cmdline_show at .text+0xe0
        // (endbr64, then call __fentry__ at +4)
        KernelSymbols k = KernelSymbolsReader.read(Samples.path("klp/patch-b/patch-b.ko"));
        assertThat(k.format()).isEqualTo(KernelSymbols.Format.ELF);
        assertThat(k.objects()).containsExactly("patch_b");
        KernelSymbol f = k.named("patch_b", "pb_cmdline_show").get(0);
        assertThat(f.address()).isEqualTo(0xe0);
        assertThat(k.ftrace().siteIn(f)).contains(4L);
        assertThat(k.ftrace().count()).isEqualTo(5);
        // patch-a/README.md, 6.1 build: no endbr64, call __fentry__ at +0 (.rela__mcount_loc .text + 0)
        KernelSymbols a61 = KernelSymbolsReader.read(Samples.path("klp/patch-a/k6.1/patch-a.ko"));
        assertThat(a61.ftrace().siteIn(a61.named("patch_a", "pa_cmdline_show").get(0))).contains(0L);
        // __pfx_pa_cmdline_show (6.12 build, CALL_PADDING NOPs) holds no ftrace site
        KernelSymbols a = KernelSymbolsReader.read(Samples.path("klp/patch-a/patch-a.ko"));
        assertThat(a.ftrace().siteIn(a.named("patch_a", "__pfx_pa_cmdline_show").get(0))).isEmpty();
    }

    @Test
    void vmlinuxGivesSymbolsExportsAndFtraceSites(@TempDir Path dir) throws IOException {
        Path v = dir.resolve("vmlinux");
        // cmdline_proc_show: site at +0, version_proc_show: +4 (after endbr64), notrace_fn: none
        Files.write(v, new VmlinuxWriter().function("cmdline_proc_show", 0L).function("version_proc_show", 4L)
                .function("notrace_fn", null).exported("seq_write").build());
        KernelSymbols k = KernelSymbolsReader.read(v);
        assertThat(k.objects()).containsExactly("vmlinux");
        assertThat(k.export("seq_write")).isPresent();
        assertThat(k.export("cmdline_proc_show")).isEmpty();
        assertThat(k.ftrace().count()).isEqualTo(3);
        assertThat(k.ftrace().siteIn(k.named("vmlinux", "cmdline_proc_show").get(0))).contains(0L);
        assertThat(k.ftrace().siteIn(k.named("vmlinux", "version_proc_show").get(0))).contains(4L);
        assertThat(k.ftrace().siteIn(k.named("vmlinux", "notrace_fn").get(0))).isEmpty();

        Files.write(v, new VmlinuxWriter().function("cmdline_proc_show", 0L).mcount(false).build());
        KernelSymbols none = KernelSymbolsReader.read(v);
        assertThat(none.ftrace()).isNull();
        assertThat(none.ftraceUnknown()).contains("__start_mcount_loc");
    }
}
