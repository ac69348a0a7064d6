package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KlpFunc;
import org.kpaudit.model.KlpObject;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KlpState;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.testing.Samples;

/**
 * The real modules of samples/klp against the facts in their READMEs (module name, vermagic,
 * replace flag, objects, functions with sympos, callbacks, states; struct layout facts from
 * "What to look for" and the readelf listings there). The expected values are copied from the
 * READMEs, which were written from the C sources and readelf, not from kpaudit.
 */
class LivepatchSamplesTest {

    private static LivepatchModule parse(String rel) throws IOException {
        return LivepatchParser.parse(Samples.path(rel));
    }

    @Test
    void patchA612() throws IOException {
        LivepatchModule m = parse("klp/patch-a/patch-a.ko");
        assertThat(m.kind()).isEqualTo(FileKind.LIVEPATCH_MODULE);
        assertThat(m.name()).isEqualTo("patch_a");
        assertThat(m.vermagic()).isEqualTo("6.12.117+deb12-amd64 SMP preempt mod_unload modversions ");
        assertThat(m.srcversion()).isEqualTo("68302B76BDA5BA0E1BB3508");
        assertThat(m.depends()).isEmpty();
        assertThat(m.modinfo("livepatch")).contains("Y");
        assertThat(m.modinfo("version")).contains("1.0");
        assertThat(m.modinfo("license")).contains("GPL");
        assertThat(m.kernel().major()).isEqualTo(6);
        assertThat(m.kernel().minor()).isEqualTo(12);
        assertThat(m.ksymNameLen()).isEqualTo(512);
        assertPatchA(m);
        KlpPatch p = m.patch();
        // README: "klp_patch at .data+0x0"; pa_patch is symbol 37 at .data+0, 200 bytes
        assertThat(p.section()).isEqualTo(".data");
        assertThat(p.sectionOffset()).isZero();
        assertThat(p.symbol()).isEqualTo("pa_patch");
        // .data at file offset 0x480
        assertThat(p.fileOffset()).isEqualTo(0x480);
        // both ways of finding the root agree: .rela.data has __this_module at +0 and .data+0xe0 at +8;
        // .rela.init.text has .data+0 (R_X86_64_32S) before the call to klp_enable_patch
        assertThat(p.foundBy()).contains("klp_enable_patch").contains("__this_module");
        // strides from the array symbols: pa_objects 336 = 2 x 168, pa_vmlinux_funcs 304 = 2 x 152
        assertThat(p.objectStride()).isEqualTo(168);
        assertThat(p.funcStride()).isEqualTo(152);
        assertThat(p.objectStrideBasis()).contains("pa_objects").contains("336");
        assertThat(p.funcStrideBasis()).contains("pa_vmlinux_funcs").contains("304");
        KlpFunc f = p.objects().get(0).funcs().get(0);
        // pa_cmdline_show is symbol 38 at .text+0x10, 33 bytes; the entry is pa_vmlinux_funcs at .data+0x240
        assertThat(f.newFunc().section()).isEqualTo(".text");
        assertThat(f.newFunc().offset()).isEqualTo(0x10);
        assertThat(f.newFunc().size()).isEqualTo(33);
        assertThat(f.sectionOffset()).isEqualTo(0x240);
        assertThat(f.fileOffset()).isEqualTo(0x480 + 0x240);
        assertThat(m.klpRelaSections()).isEmpty();
        assertThat(m.klpSymbols()).isEmpty();
        assertThat(m.kpatch()).isNull();
        assertThat(m.warnings()).isEmpty();
        // __versions: 0x140 bytes = 5 entries; undefined: klp_enable_patch, __fentry__, __x86_return_thunk, seq_write
        assertThat(m.versions()).hasSize(5);
        // CRCs as `readelf -x __versions patch-a.ko` shows them (little-endian words f8d43941, f075a5b7, ...)
        assertThat(m.versions()).extracting(v -> v.name() + "=" + Long.toHexString(v.crc())).containsExactly(
                "klp_enable_patch=4139d4f8", "seq_write=b7a575f0", "__x86_return_thunk=5b8239ca",
                "__fentry__=bdfb6dbb", "module_layout=2f9b2b9a");
        assertThat(m.versions().get(1).fileOffset()).isEqualTo(0x300 + 64);
        assertThat(m.versions()).extracting(v -> v.name()).contains("klp_enable_patch", "seq_write", "__fentry__",
                "__x86_return_thunk", "module_layout");
        assertThat(m.undefinedSymbols()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("klp_enable_patch", "__fentry__", "__x86_return_thunk", "seq_write");
    }

    @Test
    void patchA61() throws IOException {
        LivepatchModule m = parse("klp/patch-a/k6.1/patch-a.ko");
        assertThat(m.name()).isEqualTo("patch_a");
        assertThat(m.vermagic()).startsWith("6.1.0-56-amd64 SMP preempt mod_unload modversions");
        assertThat(m.kernel().minor()).isEqualTo(1);
        assertThat(m.ksymNameLen()).isEqualTo(512);
        assertPatchA(m);
        // 6.1 build: .text+0 is pa_cmdline_show (no __pfx_ padding), 24 bytes
        KlpFunc f = m.patch().objects().get(0).funcs().get(0);
        assertThat(f.newFunc().offset()).isZero();
        assertThat(f.newFunc().size()).isEqualTo(24);
        assertThat(m.patch().funcStride()).isEqualTo(152);
        assertThat(m.patch().objectStride()).isEqualTo(168);
        assertThat(m.warnings()).isEmpty();
    }

    private static void assertPatchA(LivepatchModule m) {
        KlpPatch p = m.patch();
        assertThat(p).as(m.patchUnknown()).isNotNull();
        assertThat(p.origin()).isEqualTo(KlpPatch.Origin.STATIC_DATA);
        assertThat(p.replace()).isFalse();
        assertThat(p.states()).isEmpty();
        assertThat(p.objects()).hasSize(1);
        KlpObject o = p.objects().get(0);
        assertThat(o.name()).isNull();
        assertThat(o.objectName()).isEqualTo("vmlinux");
        assertThat(o.callbacks().any()).isFalse();
        assertThat(o.funcs()).hasSize(1);
        KlpFunc f = o.funcs().get(0);
        assertThat(f.oldName()).isEqualTo("cmdline_proc_show");
        assertThat(f.oldSympos()).isZero();
        assertThat(f.newFunc().symbol()).isEqualTo("pa_cmdline_show");
        assertThat(f.unknown()).isEmpty();
    }

    @Test
    void patchB() throws IOException {
        LivepatchModule m = parse("klp/patch-b/patch-b.ko");
        assertThat(m.name()).isEqualTo("patch_b");
        assertThat(m.srcversion()).isEqualTo("CD72B6CA6B74822897DD4F8");
        assertThat(m.modinfo("version")).contains("2.0");
        KlpPatch p = m.patch();
        assertThat(p).as(m.patchUnknown()).isNotNull();
        assertThat(p.replace()).isTrue();
        assertThat(p.cumulative()).isTrue();
        assertThat(p.symbol()).isEqualTo("pb_patch");
        assertThat(p.states()).containsExactly(new KlpState(0x5eed, 1, 0x740 + 0xe0));
        assertThat(p.objects()).hasSize(1);
        KlpObject o = p.objects().get(0);
        assertThat(o.objectName()).isEqualTo("vmlinux");
        assertThat(o.funcs()).extracting(KlpFunc::oldName).containsExactly("cmdline_proc_show", "version_proc_show");
        assertThat(o.funcs()).extracting(KlpFunc::oldSympos).containsExactly(0L, 1L);
        assertThat(o.funcs()).extracting(f -> f.newFunc().symbol()).containsExactly("pb_cmdline_show",
                "pb_version_show");
        assertThat(o.callbacks().present().keySet()).containsExactly("pre_patch", "post_unpatch");
        assertThat(o.callbacks().prePatch().symbol()).isEqualTo("pb_pre_patch");
        assertThat(o.callbacks().postUnpatch().symbol()).isEqualTo("pb_post_unpatch");
        // pb_vmlinux_funcs 456 = 3 x 152, pb_objects 336 = 2 x 168
        assertThat(p.funcStride()).isEqualTo(152);
        assertThat(p.funcStrideBasis()).contains("456");
        assertThat(p.objectStride()).isEqualTo(168);
        assertThat(m.warnings()).isEmpty();
    }
}
