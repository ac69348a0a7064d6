package org.kpaudit.analyzer.livepatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.KernelSymbolsReader;
import org.kpaudit.parser.LivepatchParser;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.Samples;
import org.kpaudit.testing.VmlinuxWriter;

/** Modules, targets and check runs for the livepatch check tests. */
final class Fixtures {

    private Fixtures() {
    }

    static LivepatchModule sample(String rel) {
        try {
            return LivepatchParser.parse(Samples.path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LivepatchModule patchA() {
        return sample("klp/patch-a/patch-a.ko");
    }

    static LivepatchModule patchA61() {
        return sample("klp/patch-a/k6.1/patch-a.ko");
    }

    static LivepatchModule patchB() {
        return sample("klp/patch-b/patch-b.ko");
    }

    static LivepatchModule module(String file, KlpModuleBuilder b) {
        return LivepatchParser.parse(file, ByteBuffer.wrap(b.build()));
    }

    static KernelSymbols text(String content) {
        try {
            return KernelSymbolsReader.fromText("target.txt",
                    new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KernelSymbols vmlinux(VmlinuxWriter w) {
        return KernelSymbolsReader.fromElf(ElfParser.parse("vmlinux", ByteBuffer.wrap(w.build())));
    }

    static KernelSymbols elfTarget(String rel) {
        try {
            return KernelSymbolsReader.read(Samples.path(rel));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Finding> run(Check<LivepatchSubject> c, LivepatchModule m, KernelSymbols... targets) {
        List<Finding> out = new ArrayList<>();
        c.check(new LivepatchSubject(m, List.of(targets)), new Findings(c.rule(), out));
        return out;
    }

    static List<Finding> chain(Check<LivepatchChain> c, LivepatchModule... modules) {
        List<Finding> out = new ArrayList<>();
        c.check(LivepatchChain.of(List.of(modules)), new Findings(c.rule(), out));
        return out;
    }

    /** A synthetic livepatch with one vmlinux object patching the given functions at sympos 0. */
    static KlpModuleBuilder simple(String name, boolean replace, String... funcs) {
        KlpModuleBuilder b = new KlpModuleBuilder(name).replace(replace);
        KlpModuleBuilder.Obj o = b.object(null);
        for (String f : funcs) {
            o.func(f, 0);
        }
        return b;
    }
}
