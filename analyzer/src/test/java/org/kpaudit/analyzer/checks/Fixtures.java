package org.kpaudit.analyzer.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.ChainSubject;
import org.kpaudit.analyzer.Chains;
import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.FileNameFacts;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.SymbolResolver;
import org.kpaudit.analyzer.TargetSet;
import org.kpaudit.analyzer.input.TargetResolver;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.testing.KpatchWriter;
import org.kpaudit.testing.PatchBuilder;
import org.kpaudit.testing.Samples;

/** Builds check subjects from the bundled samples and from synthetic bytes. */
final class Fixtures {

    static final String A = "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch";
    static final String A_TARGET = "libcare/a_bounds_check/original/bounds_demo";
    static final String O2 = "libcare/h_O2/patch/996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch";
    static final String O2_TARGET = "libcare/h_O2/original/checksum";
    static final String G_UNFILTERED = "libcare/g_func_filter/unfiltered/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch";
    static final String G_FILTERED = "libcare/g_func_filter/filtered/patch/b2eb28bc27a36bee7ec37e11f1e9f9779fd36ff3.kpatch";
    static final String G_TARGET = "libcare/g_func_filter/original/levels";
    static final String F1 = "libcare/f_incremental_stacked/level1/patch/fb080d8b220ac2221c8f235ed385636698becbb2.kpatch";
    static final String F2 = "libcare/f_incremental_stacked/level2/patch/fb080d8b220ac2221c8f235ed385636698becbb2.kpatch";
    static final String F3 = "libcare/f_incremental_stacked/level3/patch/fb080d8b220ac2221c8f235ed385636698becbb2.kpatch";
    static final String F_BID = "fb080d8b220ac2221c8f235ed385636698becbb2";
    static final String TLS_EXTERN = "libcare/e_tls/extern_tls_crash/patch/ab896b1e56d1295e41b3b439ece560e66b2f6d84.kpatch";
    static final String TLS_LIB = "libcare/e_tls/patch/5fba8b5a97b604c2be1437e0a16441b3cbc821c7.kpatch";
    static final String TLS_EXE_TARGET = "libcare/e_tls/original/tlsdemo";
    static final String SHARED = "libcare/b_shared_lib/patch/3c2025b52044e37e2713275f1a07bcaf276e0472.kpatch";
    static final String SHARED_TARGET = "libcare/b_shared_lib/original/libshape.so";
    static final String CXX = "libcare/h_cxx/patch/2dfed7b410bbf2767d7a223a7fde185957418f22.kpatch";

    private Fixtures() {
    }

    static byte[] bytes(String rel) {
        try {
            return Files.readAllBytes(Samples.path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KpatchFile parse(String display, byte[] kpatch) {
        return KpatchParser.parse(display, ByteBuffer.wrap(kpatch));
    }

    /** A sample patch without a target. */
    static PatchSubject sample(String rel) {
        return subject(Samples.path(rel).toString(), bytes(rel), null, Policy.defaults());
    }

    /** A sample patch with a sample target, resolved like {@code --target}. */
    static PatchSubject sample(String rel, String targetRel) {
        return subject(Samples.path(rel).toString(), bytes(rel), Samples.path(targetRel), Policy.defaults());
    }

    static PatchSubject sample(String rel, String targetRel, Policy policy) {
        return subject(Samples.path(rel).toString(), bytes(rel), targetRel == null ? null : Samples.path(targetRel),
                policy);
    }

    /** A patch from bytes, shown as {@code display}, with an optional target file. */
    static PatchSubject subject(String display, byte[] kpatch, Path target, Policy policy) {
        KpatchFile k = parse(display, kpatch);
        if (target == null) {
            return new PatchSubject(display, k, FileNameFacts.of(display), null, PatchSubject.TargetStatus.NOT_GIVEN,
                    policy);
        }
        TargetResolver r = new TargetResolver(List.of(target), null, null);
        TargetResolver.Resolution res = r.resolve(k.header().buildId());
        return new PatchSubject(display, k, FileNameFacts.of(display), res.target(), res.status(), policy);
    }

    /** A patch with a target ELF given as bytes (its libraries: none). */
    static PatchSubject withTargetBytes(String display, byte[] kpatch, byte[] target, PatchSubject.TargetStatus st) {
        KpatchFile k = parse(display, kpatch);
        ElfFile t = ElfParser.parse("target.so", ByteBuffer.wrap(target));
        TargetSet ts = new TargetSet("target.so", t, "--target", List::of, SymbolResolver.of(t));
        return new PatchSubject(display, k, FileNameFacts.of(display), ts, st, Policy.defaults());
    }

    static PatchSubject renamed(PatchSubject p, String display) {
        return new PatchSubject(display, p.patch(), FileNameFacts.of(display), p.target(), p.targetStatus(),
                p.policy());
    }

    static List<Finding> run(Check<PatchSubject> c, PatchSubject p) {
        List<Finding> out = new ArrayList<>();
        c.check(p, new Findings(c.rule(), out));
        return out;
    }

    static List<Finding> runChain(Check<ChainSubject> c, List<PatchSubject> members, Map<String, String> latest) {
        List<ChainSubject> chains = Chains.group(members, latest);
        List<Finding> out = new ArrayList<>();
        for (ChainSubject ch : chains) {
            c.check(ch, new Findings(c.rule(), out));
        }
        return out;
    }

    /** Replaces bytes at an offset of a copy. */
    static byte[] patched(byte[] in, int offset, byte... values) {
        byte[] out = in.clone();
        System.arraycopy(values, 0, out, offset, values.length);
        return out;
    }

    /** A policy from YAML text. */
    static Policy policy(String yaml) throws Exception {
        return Policy.parse("test.yaml", yaml);
    }

    /** A synthetic x86_64 patch with one changed function and the given header build-id and id. */
    static byte[] synthetic(String buildId, String id) {
        return new KpatchWriter().buildId(buildId).id(id)
                .elf(PatchBuilder.x86().changed("f", 0x10, 20, 30).build()).build();
    }

    /** A synthetic patch around the embedded ELF the builder makes, without a target. */
    static PatchSubject synth(PatchBuilder b) {
        byte[] k = new KpatchWriter().elf(b.build()).build();
        return subject("synthetic.kpatch", k, null, Policy.defaults());
    }

    /** A sample patch as if stored by LibcarePlus under {@code store/<F_BID>/<level>/kpatch.bin}. */
    static PatchSubject stored(String rel, int level) {
        return renamed(sample(rel), "store/" + F_BID + "/" + level + "/kpatch.bin");
    }

    /** a_bounds_check's patch with h_O2's build-id written over its own: a relabelled patch. */
    static PatchSubject relabelled() {
        byte[] bid = "996a071e5c245d8156bd9cbe51b867ae913808fa".getBytes(StandardCharsets.US_ASCII);
        byte[] b = patched(bytes(A), 88, bid);
        return subject("996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch", b, Samples.path(O2_TARGET),
                Policy.defaults());
    }
}
