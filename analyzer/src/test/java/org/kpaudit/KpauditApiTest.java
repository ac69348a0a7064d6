package org.kpaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Verdict;
import org.kpaudit.analyzer.scan.ObjectFileSource;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.testing.Samples;

/** The library API as a program uses it: only {@link Kpaudit} and the types it returns. */
class KpauditApiTest {

    private static final String A = "libcare/a_bounds_check/";

    @Test
    void inspectReadsAPatchAndABinary() throws Exception {
        Kpaudit.Inspection p = Kpaudit.inspect(Samples.path(A + "patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch"));
        assertThat(p.kind()).isEqualTo(FileKind.KPATCH);
        // a_bounds_check/README.md: id A0001, one changed function lookup_slot at 0x1169
        assertThat(p.kpatch().header().id()).isEqualTo("A0001");
        assertThat(p.kpatch().changedFunctions()).singleElement()
                .satisfies(r -> assertThat(r.function()).isEqualTo("lookup_slot"));
        Kpaudit.Inspection b = Kpaudit.inspect(Samples.path(A + "original/bounds_demo"));
        assertThat(b.elf().buildId()).contains("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        Kpaudit.Inspection m = Kpaudit.inspect(Samples.path("klp/patch-b/patch-b.ko"));
        assertThat(m.module().patch().replace()).isTrue();
    }

    @Test
    void checkGivesTheVerdict() {
        Kpaudit.CheckReport ok = Kpaudit.checker().target(Samples.path(A + "original/bounds_demo"))
                .check(Samples.path(A + "patch"));
        assertThat(ok.verdict().status()).isEqualTo(Verdict.Status.PASS);
        assertThat(ok.patches()).hasSize(1);
        // the extern-TLS patch (e_tls README): KP206, an error
        Kpaudit.CheckReport bad = Kpaudit.checker().target(Samples.path("libcare/e_tls/original/tlsdemo"))
                .target(Samples.path("libcare/e_tls/original/libdepth.so"))
                .check(Samples.path("libcare/e_tls/extern_tls_crash/patch"));
        assertThat(bad.verdict().status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(bad.result().findings()).anySatisfy(f -> assertThat(f.checkId()).isEqualTo("KP206"));
        // without the target: not a pass
        assertThat(Kpaudit.checker().check(Samples.path(A + "patch")).verdict().status())
                .isEqualTo(Verdict.Status.INCOMPLETE);
    }

    @Test
    void scanFindsTheHookAndSaysWhatItVerified() throws Exception {
        Path hooked = Samples.path("forensics/inline-hook/core-hooked");
        Kpaudit.ScanReport r = Kpaudit.scan(hooked, null, List.of());
        assertThat(r.verdict().status()).isEqualTo(Verdict.Status.FAIL);
        assertThat(r.result().hooks()).singleElement().satisfies(h -> assertThat(h.address()).isEqualTo(0x55d1f7f5c179L));
        Kpaudit.ScanReport withFile = Kpaudit.scan(hooked, null,
                List.of(ObjectFileSource.among(List.of(Samples.path("forensics/inline-hook/hookdemo")), "given")));
        assertThat(withFile.result().hooks()).singleElement()
                .satisfies(h -> assertThat(h.symbol()).isEqualTo("check_password"));
    }

    @Test
    void aFileOfNoKnownKindIsAClearError(@TempDir Path dir) throws Exception {
        Path t = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertThatThrownBy(() -> Kpaudit.inspect(t)).isInstanceOf(MalformedFileException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("not a .kpatch file");
    }
}
