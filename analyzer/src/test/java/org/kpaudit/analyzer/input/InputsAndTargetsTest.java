package org.kpaudit.analyzer.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.SymbolResolver;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.Samples;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class InputsAndTargetsTest {

    static final String A = "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch";
    static final String A_BID = "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4";
    static final String F = "fb080d8b220ac2221c8f235ed385636698becbb2";

    @Test
    void directoryWithStorageLayoutAndLatestLink(@TempDir Path dir) throws Exception {
        Path store = dir.resolve(F);
        for (int level = 1; level <= 3; level++) {
            Files.createDirectories(store.resolve(String.valueOf(level)));
            Files.copy(Samples.path("libcare/f_incremental_stacked/level" + level + "/patch/" + F + ".kpatch"),
                    store.resolve(level + "/kpatch.bin"));
        }
        Files.createSymbolicLink(store.resolve("latest"), Path.of("3"));
        Files.writeString(dir.resolve("README"), "not a patch");
        Inputs.Collected c = Inputs.collect(List.of(dir));
        assertThat(c.problems()).isEmpty();
        assertThat(c.patches()).extracting(p -> p.patch().header().id()).containsExactly("F1", "F2", "F3");
        assertThat(c.latestLinks()).containsEntry(store.toString(), "3");
        assertThat(c.inputs()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo("directory");
            assertThat(i.patches()).isEqualTo(3);
        });
    }

    @Test
    void tarballMembersAndUnreadableInputs(@TempDir Path dir) throws Exception {
        byte[] kp = Files.readAllBytes(Samples.path(A));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            TarArchiveEntry e = new TarArchiveEntry("../../etc/" + A_BID + ".kpatch");
            e.setSize(kp.length);
            t.putArchiveEntry(e);
            t.write(kp);
            t.closeArchiveEntry();
        }
        Path tgz = dir.resolve("kpatch-demo.tgz");
        Files.write(tgz, out.toByteArray());
        Path junk = dir.resolve("junk.bin");
        Files.writeString(junk, "hello");
        Inputs.Collected c = Inputs.collect(List.of(tgz, junk, dir.resolve("missing")));
        assertThat(c.patches()).singleElement()
                .satisfies(p -> assertThat(p.display()).isEqualTo(tgz + "!../../etc/" + A_BID + ".kpatch"));
        assertThat(c.problems()).extracting(p -> p.reason()).containsExactly(
                "not a .kpatch file or an archive of them (no KPATCH1 or archive magic)", "cannot read: no such file");
        assertThat(Files.exists(dir.resolve("../../etc/" + A_BID + ".kpatch"))).isFalse();
    }

    @Test
    void archiveMembersAreTakenInNameOrder(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (int level : new int[] {3, 1}) {
                byte[] kp = Files.readAllBytes(Samples.path("libcare/f_incremental_stacked/level" + level + "/patch/"
                        + F + ".kpatch"));
                TarArchiveEntry e = new TarArchiveEntry("s/" + F + "/" + level + "/kpatch.bin");
                e.setSize(kp.length);
                t.putArchiveEntry(e);
                t.write(kp);
                t.closeArchiveEntry();
            }
        }
        Path tar = dir.resolve("s.tar");
        Files.write(tar, out.toByteArray());
        assertThat(Inputs.collect(List.of(tar)).patches()).extracting(p -> p.patch().header().id())
                .containsExactly("F1", "F3");
    }

    /** A stripped target with a build-id note and a .gnu_debugdata holding {@code fn} of {@code size} bytes. */
    static byte[] strippedTarget(String bid, byte[] debugdata) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1000, new byte[64]);
        w.note(".note.gnu.build-id", "GNU", 3, HexFormat.of().parseHex(bid));
        if (debugdata != null) {
            w.section(".gnu_debugdata", ElfWriter.SHT_PROGBITS, 0, 0, debugdata);
        }
        return w.build();
    }

    static byte[] symbols(String fn, long size) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        ElfWriter.Sec text = w.nobits(".text", 6, 0x1000, 64);
        w.symtab(List.of(ElfWriter.Sym.func(fn, 0x1010, size, text.index())));
        return w.build();
    }

    @Test
    void sysrootBuildIdLinkDebugDirAndMiniDebugInfo(@TempDir Path root) throws Exception {
        String bid = "00112233445566778899aabbccddeeff00112233";
        Path bin = root.resolve("usr/bin/demo");
        Files.createDirectories(bin.getParent());
        Files.write(bin, strippedTarget(bid, null));
        Path link = root.resolve("usr/lib/.build-id/00/112233445566778899aabbccddeeff00112233");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, Path.of("/usr/bin/demo"));
        TargetResolver r = new TargetResolver(List.of(), root, null);
        TargetResolver.Resolution res = r.resolve(bid);
        assertThat(res.status()).isEqualTo(PatchSubject.TargetStatus.MATCH);
        assertThat(res.target().foundBy()).startsWith("sysroot .build-id link");
        assertThat(res.target().symbols().source()).isEqualTo(SymbolResolver.Source.NONE);

        Path debug = root.resolve("usr/lib/debug/.build-id/00/112233445566778899aabbccddeeff00112233.debug");
        Files.createDirectories(debug.getParent());
        Files.write(debug, symbols("from_debug", 24));
        TargetResolver r2 = new TargetResolver(List.of(), root, null);
        SymbolResolver s2 = r2.resolve(bid).target().symbols();
        assertThat(s2.source()).isEqualTo(SymbolResolver.Source.DEBUG_FILE);
        assertThat(s2.at(0x1010)).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(24));

        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        try (XZOutputStream z = new XZOutputStream(xz, new LZMA2Options())) {
            z.write(symbols("from_minidebuginfo", 3));
        }
        Path mini = root.resolve("opt/mini");
        Files.createDirectories(mini.getParent());
        Files.write(mini, strippedTarget("ffeeddccbbaa99887766554433221100ffeeddcc", xz.toByteArray()));
        TargetResolver r3 = new TargetResolver(List.of(mini), null, null);
        SymbolResolver s3 = r3.resolve("ffeeddccbbaa99887766554433221100ffeeddcc").target().symbols();
        assertThat(s3.source()).isEqualTo(SymbolResolver.Source.MINIDEBUGINFO);
        assertThat(s3.named("from_minidebuginfo")).singleElement().satisfies(s -> assertThat(s.size()).isEqualTo(3));
    }

    @Test
    void neededLibrariesThroughOriginRunpath() {
        // e_tls/README: tlsdemo needs libdepth.so (RUNPATH $ORIGIN, beside it) and libc.so.6
        TargetResolver r = new TargetResolver(List.of(Samples.path("libcare/e_tls/original/tlsdemo")), null, null);
        TargetResolver.Resolution res = r.resolve("ab896b1e56d1295e41b3b439ece560e66b2f6d84");
        assertThat(res.status()).isEqualTo(PatchSubject.TargetStatus.MATCH);
        assertThat(res.target().libraries()).extracting(l -> l.name() + "=" + l.found())
                .containsExactly("libdepth.so=true", "libc.so.6=false");
    }
}
