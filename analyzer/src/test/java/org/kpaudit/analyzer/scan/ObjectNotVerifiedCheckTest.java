package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.scan.ScanCheckTesting.findings;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.testing.Samples;

class ObjectNotVerifiedCheckTest {

    private final ObjectNotVerifiedCheck check = new ObjectNotVerifiedCheck();
    private static final String HOOK = "forensics/inline-hook/";
    // maps-clean.txt: the executable and the two libraries mapped r-xp
    private static final String EXE = "/srv/hookdemo/hookdemo";
    private static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final String LD = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";

    @Test
    void withoutFilesEveryExecutableObjectIsUnverified() throws Exception {
        ScanResult r = ScanCheckTesting.sample(HOOK + "core-clean");
        assertThat(findings(check, r)).allSatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.UNVERIFIED);
            assertThat(f.message()).contains("was not compared with its file");
        }).extracting(f -> f.location().object()).containsExactlyInAnyOrder(EXE, LIBC, LD);
    }

    @Test
    void anObjectFoundUnderTheSysrootIsVerified(@TempDir Path root) throws Exception {
        Path exe = root.resolve(EXE.substring(1));
        Files.createDirectories(exe.getParent());
        Files.copy(Samples.path(HOOK + "hookdemo"), exe);
        ScanResult r = ScanCheckTesting.scan(Samples.path(HOOK + "core-clean"), new ScanOptions(root, null));
        assertThat(r.objects()).filteredOn(o -> o.path().equals(EXE)).singleElement()
                .satisfies(o -> assertThat(o.verified()).isTrue());
        assertThat(findings(check, r)).extracting(f -> f.location().object()).containsExactlyInAnyOrder(LIBC, LD);
        // the notes say why: no file of that build-id under the sysroot
        assertThat(findings(check, r)).filteredOn(f -> f.location().object().equals(LIBC)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("build-id 93ac61ec5a8eb1396f9fbd350e3169a558528a40"));
    }

    @Test
    void aFileOfAnotherBuildIsNotAVerification(@TempDir Path root) throws Exception {
        // another binary put where the executable's path is: its build-id is not the one in memory
        Path exe = root.resolve(EXE.substring(1));
        Files.createDirectories(exe.getParent());
        Files.copy(Samples.path("libcare/a_bounds_check/original/bounds_demo"), exe);
        ScanResult r = ScanCheckTesting.scan(Samples.path(HOOK + "core-clean"), new ScanOptions(root, null));
        assertThat(findings(check, r)).filteredOn(f -> f.location().object().equals(EXE)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("ff4a9310ade9880ad92b3d4967f73b25be4cf443"));
    }
}
