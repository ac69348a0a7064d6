package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpState;
import org.kpaudit.model.KlpSymbol;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

/** Modules written by {@link KlpModuleBuilder}: strides of other kernel builds, kpatch modules, .klp.rela. */
class LivepatchSyntheticTest {

    private static LivepatchModule parse(KlpModuleBuilder b) {
        return LivepatchParser.parse("synthetic.ko", ByteBuffer.wrap(b.build()));
    }

    private static KlpModuleBuilder twoObjects() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp_two").replace(true).state(7, 2).state(9, 1);
        b.object(null).func("cmdline_proc_show", 0).func("meminfo_proc_show", 2).callback("pre_unpatch");
        b.object("ext4").func("ext4_fill_super", 1).callback("post_patch");
        return b;
    }

    @Test
    void stridesOfAnotherKernelBuildComeFromTheArraySymbols() {
        // a kernel with a bigger struct kobject (CONFIG_DEBUG_KOBJECT_RELEASE): 208 / 224, say
        LivepatchModule m = parse(twoObjects().strides(208, 224));
        KlpPatch p = m.patch();
        assertThat(p.funcStride()).isEqualTo(208);
        assertThat(p.objectStride()).isEqualTo(224);
        assertTwoObjects(p);
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void withoutSizedSymbolsTheSpacingOfRelocationsGivesTheStride() {
        LivepatchModule m = parse(twoObjects().strides(208, 224).sizedArrays(false));
        KlpPatch p = m.patch();
        assertThat(p.funcStride()).isEqualTo(208);
        assertThat(p.funcStrideBasis()).contains("spacing");
        assertThat(p.objectStride()).isEqualTo(224);
        assertTwoObjects(p);
    }

    @Test
    void aSingleEntryWithoutSymbolsUsesTheAssumedStrideAndSaysSo() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp_one").strides(200, 216).sizedArrays(false);
        b.object(null).func("cmdline_proc_show", 0);
        KlpPatch p = parse(b).patch();
        assertThat(p.funcStrideBasis()).startsWith("assumed 152");
        assertThat(p.objects()).hasSize(1);
        assertThat(p.objects().get(0).funcs()).extracting(KlpFunc::oldName).containsExactly("cmdline_proc_show");
    }

    private static void assertTwoObjects(KlpPatch p) {
        assertThat(p.replace()).isTrue();
        assertThat(p.states()).extracting(KlpState::id, KlpState::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7L, 2L), org.assertj.core.groups.Tuple.tuple(9L, 1L));
        assertThat(p.objects()).extracting(KlpObject::objectName).containsExactly("vmlinux", "ext4");
        KlpObject v = p.objects().get(0);
        assertThat(v.funcs()).extracting(KlpFunc::oldName, KlpFunc::oldSympos).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cmdline_proc_show", 0L),
                org.assertj.core.groups.Tuple.tuple("meminfo_proc_show", 2L));
        assertThat(v.funcs()).extracting(f -> f.newFunc().symbol()).containsExactly("new_cmdline_proc_show",
                "new_meminfo_proc_show");
        assertThat(v.callbacks().present().keySet()).containsExactly("pre_unpatch");
        assertThat(v.callbacks().preUnpatch().symbol()).isEqualTo("cb_vmlinux_pre_unpatch");
        KlpObject e = p.objects().get(1);
        assertThat(e.funcs()).extracting(KlpFunc::oldName).containsExactly("ext4_fill_super");
        assertThat(e.callbacks().present().keySet()).containsExactly("post_patch");
    }

    @Test
    void rootFoundByDataPatternAloneAndDecoysRejected() {
        KlpModuleBuilder b = twoObjects().initCall(false).decoyOwnerStruct(true);
        LivepatchModule m = parse(b);
        assertThat(m.patch().foundBy()).isEqualTo("pointer to __this_module followed by objs");
        assertThat(m.patch().sectionOffset()).isZero();
        assertTwoObjects(m.patch());
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void noPatchGivesAReasonNotAGuess() {
        // only the decoy: __this_module followed by a function pointer
        KlpModuleBuilder b = new KlpModuleBuilder("lp_none").initCall(false).decoyOwnerStruct(true);
        LivepatchModule m = parse(b);
        assertThat(m.patch()).isNull();
        assertThat(m.patchUnknown()).contains(".data+0x0 (pointer to __this_module followed by objs): objs at .data+0xe0"
                + " holds no klp_object").contains("objs does not point into the module's data");
    }

    @Test
    void kpatchModuleIsReadFromKpatchFuncsAndReplaceIsUnknown() {
        KlpModuleBuilder b = twoObjects().kpatchStyle(true);
        LivepatchModule m = parse(b);
        assertThat(m.kpatch()).isNotNull();
        assertThat(m.kpatch().funcs()).hasSize(3);
        assertThat(m.kpatch().funcs().get(1).name()).isEqualTo("meminfo_proc_show");
        assertThat(m.kpatch().funcs().get(1).sympos()).isEqualTo(2);
        assertThat(m.kpatch().funcs().get(1).objectName()).isEqualTo("vmlinux");
        assertThat(m.kpatch().funcs().get(1).oldAddr()).isEqualTo(0xffffffff81000100L);
        assertThat(m.kpatch().funcs().get(2).objectName()).isEqualTo("ext4");
        assertThat(m.kpatch().callbacks()).extracting(c -> c.kind() + ":" + c.objectName())
                .containsExactly("post_patch:ext4", "pre_unpatch:vmlinux");
        KlpPatch p = m.patch();
        assertThat(p.origin()).isEqualTo(KlpPatch.Origin.KPATCH_FUNCS);
        assertThat(p.replace()).isNull();
        assertThat(p.unknown().get("replace")).contains("KLP_REPLACE_ENABLE");
        assertThat(p.states()).isEmpty();
        assertThat(p.objects()).extracting(KlpObject::objectName).containsExactly("vmlinux", "ext4");
        assertThat(p.objects().get(0).name()).isNull();
        assertThat(p.objects().get(0).funcs()).extracting(KlpFunc::oldName)
                .containsExactly("cmdline_proc_show", "meminfo_proc_show");
        assertThat(p.objects().get(0).callbacks().preUnpatch().symbol()).isEqualTo("cb_vmlinux_pre_unpatch");
        assertThat(p.objects().get(1).callbacks().postPatch().symbol()).isEqualTo("cb_ext4_post_patch");
    }

    @Test
    void klpRelaSectionsAndSymbols() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp_rela");
        b.object(null).func("cmdline_proc_show", 0);
        b.klpRela(".klp.rela.vmlinux..text.new_cmdline_proc_show")
                .rel(KlpRel.livepatch(".klp.sym.vmlinux.saved_command_line,0"))
                .rel(KlpRel.livepatch(".klp.sym.vmlinux.foo.isra.0,2"));
        b.klpRela(".klp.rela.ext4.text").rel(new KlpRel("plain_symbol", 0, KlpModuleBuilder.R_X86_64_PC32));
        LivepatchModule m = parse(b);
        assertThat(m.klpRelaSections()).hasSize(2);
        KlpRelaSection s = m.klpRelaSections().get(0);
        assertThat(s.objectName()).isEqualTo("vmlinux");
        assertThat(s.targetSuffix()).isEqualTo(".text.new_cmdline_proc_show");
        assertThat(s.target().name()).isEqualTo(".text");
        assertThat(s.entries()).hasSize(2);
        assertThat(s.entries().get(1).symbolName().symbolName()).isEqualTo("foo.isra.0");
        assertThat(s.entries().get(1).symbolName().sympos()).isEqualTo(2);
        assertThat(m.klpRelaSections().get(1).objectName()).isEqualTo("ext4");
        assertThat(m.klpRelaSections().get(1).targetSuffix()).isEqualTo("text");
        assertThat(m.klpSymbols()).extracting(KlpSymbol::markedLivepatch).containsExactly(true, true);
        assertThat(m.undefinedSymbols()).extracting(x -> x.name()).containsExactly("klp_enable_patch", "plain_symbol");
    }

    @Test
    void moduleWithoutLivepatchKeyIsAKernelModule() {
        KlpModuleBuilder b = new KlpModuleBuilder("not_lp").livepatchKey(false);
        b.object(null).func("f", 0);
        LivepatchModule m = parse(b);
        assertThat(m.kind()).isEqualTo(FileKind.KERNEL_MODULE);
        assertThat(m.patch()).isNotNull();
    }

    @Test
    void nameFromThisModuleWhenModinfoHasNone() {
        ElfWriter w = ElfWriter.rel64();
        w.section(".modinfo", 1, 2, 0, "license=GPL\0".getBytes(StandardCharsets.US_ASCII));
        byte[] mod = new byte[0x500];
        System.arraycopy("plain_mod".getBytes(StandardCharsets.US_ASCII), 0, mod, 24, 9);
        w.section(".gnu.linkonce.this_module", 1, 3, 0, mod);
        LivepatchModule m = LivepatchParser.parse("m.ko", ByteBuffer.wrap(w.build()));
        assertThat(m.name()).isEqualTo("plain_mod");
        assertThat(m.nameSource()).isEqualTo(".gnu.linkonce.this_module");
        assertThat(m.patch()).isNull();
        assertThat(m.patchUnknown()).contains("no static klp_patch");
        assertThat(m.kernel()).isNull();
        assertThat(m.ksymNameLenBasis()).contains("assumed");
    }

    @Test
    void notAModule() {
        assertThatThrownBy(() -> LivepatchParser.parse("x.o", ByteBuffer.wrap(ElfWriter.rel64().build())))
                .isInstanceOf(MalformedFileException.class).hasMessageContaining("not a kernel module");
    }

    @Test
    void truncatedArraysAreWarningsNotCrashes() {
        // the funcs array symbol claims two entries but holds one and no terminator: the section ends
        KlpModuleBuilder b = new KlpModuleBuilder("lp_trunc");
        b.object(null).func("f", 0);
        byte[] elf = b.build();
        LivepatchModule ok = LivepatchParser.parse("t.ko", ByteBuffer.wrap(elf));
        assertThat(ok.patch().allFuncs()).hasSize(1);
        // cut the file in the middle: a malformed file is a Problem, never a stack trace
        byte[] cut = java.util.Arrays.copyOf(elf, elf.length / 2);
        assertThatThrownBy(() -> LivepatchParser.parse("t.ko", ByteBuffer.wrap(cut)))
                .isInstanceOf(MalformedFileException.class);
    }
}
