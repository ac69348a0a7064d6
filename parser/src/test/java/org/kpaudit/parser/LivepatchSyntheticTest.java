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

    /**
     * The kpatch-build records of klp-format.md section 4.4 (kpatch master 7085e9d,
     * kpatch-intermediate.h and kpatch-patch.h): .kpatch.symbols (40 bytes: src, sympos, bind, type,
     * name, objname), .kpatch.relocations (40: dest, type u32, external s32, addend, objname, ksym) and
     * the legacy .kpatch.dynrelas (64: dest, src, type, sympos, name, objname, external s32, addend).
     */
    @Test
    void kpatchIntermediateAndLegacyRecords() {
        ElfWriter w = ElfWriter.rel64();
        w.section(".modinfo", 1, 2, 0, "license=GPL\0name=kpatch_x\0vermagic=4.18.0 SMP\0"
                .getBytes(StandardCharsets.US_ASCII));
        ElfWriter.Sec text = w.section(".text", 1, 6, 0, new byte[0x40]);
        byte[] strs = "vmlinux\0saved_command_line\0jiffies\0".getBytes(StandardCharsets.US_ASCII);
        ElfWriter.Sec str = w.section(".kpatch.strings", 1, 2, 0, strs);
        java.nio.ByteBuffer sy = java.nio.ByteBuffer.allocate(80).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        sy.putLong(0, 0xffffffff82a00000L).putLong(8, 1).put(16, (byte) 0).put(17, (byte) 1);
        sy.putLong(40, 0).putLong(48, 0).put(56, (byte) 1).put(57, (byte) 1);
        ElfWriter.Sec syms = w.section(".kpatch.symbols", 1, 2, 0, sy.array());
        java.nio.ByteBuffer re = java.nio.ByteBuffer.allocate(40).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        re.putInt(8, 2).putInt(12, 1).putLong(16, -4);
        ElfWriter.Sec rels = w.section(".kpatch.relocations", 1, 2, 0, re.array());
        java.nio.ByteBuffer dy = java.nio.ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        dy.putLong(8, 0xffffffff81234560L).putLong(16, 2).putLong(24, 1).putInt(48, 0).putLong(56, -4);
        ElfWriter.Sec dyn = w.section(".kpatch.dynrelas", 1, 2, 0, dy.array());
        ElfWriter.Sec symtab = w.symtab(java.util.List.of(ElfWriter.Sym.section(text.index()),
                ElfWriter.Sym.section(str.index()), ElfWriter.Sym.section(syms.index())));
        // symbol 1 = .text, 2 = .kpatch.strings, 3 = .kpatch.symbols; R_X86_64_64 = 1
        w.rela(".rela.kpatch.symbols", syms, symtab, java.util.List.of(new ElfWriter.Rel(24, 2, 1, 8),
                new ElfWriter.Rel(32, 2, 1, 0), new ElfWriter.Rel(64, 2, 1, 27), new ElfWriter.Rel(72, 2, 1, 0)));
        w.rela(".rela.kpatch.relocations", rels, symtab, java.util.List.of(new ElfWriter.Rel(0, 1, 1, 0x13),
                new ElfWriter.Rel(24, 2, 1, 0), new ElfWriter.Rel(32, 3, 1, 40)));
        w.rela(".rela.kpatch.dynrelas", dyn, symtab, java.util.List.of(new ElfWriter.Rel(0, 1, 1, 0x20),
                new ElfWriter.Rel(32, 2, 1, 8), new ElfWriter.Rel(40, 2, 1, 0)));
        LivepatchModule m = LivepatchParser.parse("k.ko", ByteBuffer.wrap(w.build()));
        var k = m.kpatch();
        assertThat(k.symbols()).hasSize(2);
        assertThat(k.symbols().get(0).name()).isEqualTo("saved_command_line");
        assertThat(k.symbols().get(0).objectName()).isEqualTo("vmlinux");
        assertThat(k.symbols().get(0).sympos()).isEqualTo(1);
        assertThat(k.symbols().get(0).type().name()).isEqualTo("OBJECT");
        assertThat(k.symbols().get(1).name()).isEqualTo("jiffies");
        assertThat(k.symbols().get(1).bind().name()).isEqualTo("GLOBAL");
        assertThat(k.relocations()).singleElement().satisfies(r -> {
            assertThat(r.type().name()).isEqualTo("R_X86_64_PC32");
            assertThat(r.external()).isEqualTo(1);
            assertThat(r.addend()).isEqualTo(-4);
            assertThat(r.objectName()).isEqualTo("vmlinux");
            assertThat(r.symbolIndex()).isEqualTo(1);
            assertThat(r.dest().section()).isEqualTo(".text");
            assertThat(r.dest().offset()).isEqualTo(0x13);
        });
        assertThat(k.dynrelas()).singleElement().satisfies(d -> {
            assertThat(d.src()).isEqualTo(0xffffffff81234560L);
            assertThat(d.type().name()).isEqualTo("R_X86_64_PC32");
            assertThat(d.sympos()).isEqualTo(1);
            assertThat(d.name()).isEqualTo("saved_command_line");
            assertThat(d.objectName()).isEqualTo("vmlinux");
            assertThat(d.addend()).isEqualTo(-4);
            assertThat(d.dest().offset()).isEqualTo(0x20);
        });
        // no .kpatch.funcs: nothing to build a patch from, and the reason says so
        assertThat(m.patch()).isNull();
        assertThat(m.patchUnknown()).contains("no .kpatch.funcs entries either");
    }
}
