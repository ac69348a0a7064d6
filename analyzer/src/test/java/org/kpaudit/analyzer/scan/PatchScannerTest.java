package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.parser.CoreParser;
import org.kpaudit.parser.LiveProcess;
import org.kpaudit.testing.Samples;

/**
 * The scanner on the real cores of the corpus. Expected values come from the corpus author's own
 * scans of the same cores ({@code *.scan.txt}, a separate script), from {@code libcare-ctl info}
 * taken at the same moment, from the maps files, and from the case READMEs.
 */
class PatchScannerTest {

    static final String A = "libcare/a_bounds_check/runtime/";
    static final String KERNEL = "libcare/a_bounds_check/runtime-kernel-core/";
    static final String B = "libcare/b_shared_lib/runtime/";
    static final String F = "libcare/f_incremental_stacked/runtime-chain/";

    static ScanResult scan(String core) throws IOException {
        return scan(Samples.path(core), ScanOptions.NONE);
    }

    static ScanResult scan(Path core, ScanOptions opt) throws IOException {
        try (MemoryImage img = CoreParser.open(core)) {
            return PatchScanner.scan(img, opt);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** One region line of a *.scan.txt with its info lines. */
    record ScanLine(long region, long memsz, int flags, String id, long jmp, long elf, long info, long undo, long total,
            List<Info> infos) {
    }

    record Info(int index, String name, long daddr, long saddr, long dlen, long slen, String now, long nowJmp,
            String undo, Long undoJmp) {
    }

    static final Pattern REGION = Pattern.compile("^region (\\p{XDigit}+) memsz (\\p{XDigit}+) flags (\\d+) id=(\\S+)"
            + " jmp_offset=(\\p{XDigit}+) elf_offset=(\\p{XDigit}+) user_info=(\\p{XDigit}+) user_undo=(\\p{XDigit}+)"
            + " total=(\\p{XDigit}+)$");
    static final Pattern INFO = Pattern.compile("^\\s+info\\[(\\d+)\\] (\\S+)\\s+daddr (\\p{XDigit}+) saddr (\\p{XDigit}+)"
            + " dlen (\\d+) slen (\\d+)\\s+now-at-daddr: (\\p{XDigit}+) -> jmp (\\p{XDigit}+)\\s+undo: (\\p{XDigit}+)"
            + "(?: \\(jmp (\\p{XDigit}+)\\))?$");

    static List<ScanLine> parseScan(Path txt) throws IOException {
        List<ScanLine> out = new ArrayList<>();
        for (String line : Files.readAllLines(txt)) {
            Matcher m = REGION.matcher(line);
            if (m.matches()) {
                out.add(new ScanLine(h(m.group(1)), h(m.group(2)), Integer.parseInt(m.group(3)), m.group(4),
                        h(m.group(5)), h(m.group(6)), h(m.group(7)), h(m.group(8)), h(m.group(9)), new ArrayList<>()));
                continue;
            }
            m = INFO.matcher(line);
            if (m.matches()) {
                out.get(out.size() - 1).infos().add(new Info(Integer.parseInt(m.group(1)), m.group(2), h(m.group(3)),
                        h(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), m.group(7), h(m.group(8)),
                        m.group(9), m.group(10) == null ? null : h(m.group(10))));
            }
        }
        return out;
    }

    static long h(String s) {
        return Long.parseUnsignedLong(s, 16);
    }

    @ParameterizedTest
    @ValueSource(strings = {A + "core-1-unpatched", A + "core-2-patched", A + "core-3-after-unpatch",
        KERNEL + "core-kernel-sigabrt-patched", B + "core-2-patched", F + "core-all-applied"})
    void everyRegionAndRecordEqualsTheCorpusScan(String core) throws IOException {
        List<ScanLine> expected = parseScan(Samples.path(core + ".scan.txt"));
        ScanResult r = scan(core);
        assertThat(r.strays()).isEmpty();
        assertThat(r.regions()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ScanLine e = expected.get(i);
            PatchRegion p = r.regions().get(i);
            assertThat(p.address()).isEqualTo(e.region());
            assertThat(p.header().id()).isEqualTo(e.id());
            assertThat(p.mappings().get(0).size()).as("first mapping = the scanned PT_LOAD").isEqualTo(e.memsz());
            assertThat(p.mappings().get(0).perms()).isEqualTo(e.flags() == 5 ? "r-x" : "?");
            assertThat(p.header().jmpOffset()).isEqualTo(e.jmp());
            assertThat(p.header().elfOffset()).isEqualTo(e.elf());
            assertThat(p.header().userInfo()).isEqualTo(e.info());
            assertThat(p.header().userUndo()).isEqualTo(e.undo());
            assertThat(p.header().kpatchTotalMemSize()).isEqualTo(e.total());
            assertThat(p.size()).isEqualTo(e.total());
            assertThat(p.infoTerminated()).isTrue();
            assertThat(p.problems()).isEmpty();
            assertThat(p.records()).hasSize(e.infos().size());
            for (Info in : e.infos()) {
                AppliedRecord a = p.records().get(in.index());
                assertThat(a.name()).isEqualTo(in.name());
                assertThat(a.raw().daddr()).isEqualTo(in.daddr());
                assertThat(a.raw().saddr()).isEqualTo(in.saddr());
                assertThat(a.raw().dlen()).isEqualTo(in.dlen());
                assertThat(a.raw().slen()).isEqualTo(in.slen());
                assertThat(hex(java.util.Arrays.copyOf(a.entry(), 5))).isEqualTo(in.now());
                assertThat(a.entryTarget()).isEqualTo(in.nowJmp());
                assertThat(hex(a.saved())).isEqualTo(in.undo());
                assertThat(a.savedTarget()).isEqualTo(in.undoJmp());
            }
        }
        List<Finding> findings = ScanChecks.run(r);
        assertThat(findings).as("no defect in a core of libcare's own patches").noneMatch(f -> !f.unverified());
        // without --sysroot nothing is compared with a file, and every gap is said: one SC201 per mapped object
        // with code, one SC202 per applied patch (its saved original bytes were not compared)
        assertThat(findings.stream().filter(f -> f.checkId().equals("SC201")).map(f -> f.location().object()))
                .containsExactlyInAnyOrderElementsOf(r.objects().stream().filter(LoadedObject::executable)
                        .map(LoadedObject::path).toList());
        // the saved bytes to compare are those of each function's oldest patch (newer ones saved a jump)
        assertThat(findings.stream().filter(f -> f.checkId().equals("SC202")).map(f -> f.location().patch()))
                .containsExactlyInAnyOrderElementsOf(r.functions().stream().filter(f -> !f.stack().isEmpty())
                        .map(f -> f.stack().get(f.stack().size() - 1).patch()).distinct().toList());
        assertThat(r.entriesVerified()).isZero();
        assertThat(r.entriesUnverified()).isEqualTo(r.functions().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {A + "core-2-patched:" + A + "libcare-ctl-info-patched.txt",
        A + "core-3-after-unpatch:" + A + "libcare-ctl-info-unpatched.txt",
        B + "core-2-patched:" + B + "libcare-ctl-info-patched.txt",
        F + "core-all-applied:" + F + "step3-info.txt"})
    void associationEqualsLibcareCtlInfo(String pair) throws IOException {
        String[] p = pair.split(":");
        // libcare-ctl info: "Target: <object name>", "Build id: <bid>", one "Patch id:" per applied patch
        String target = null;
        String bid = null;
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(Samples.path(p[1]))) {
            String[] kv = line.split(":\\s+", 2);
            switch (kv[0]) {
                case "Target" -> target = kv[1];
                case "Build id" -> bid = kv[1];
                case "Patch id" -> ids.add(kv[1]);
                default -> {
                }
            }
        }
        ScanResult r = scan(p[0]);
        assertThat(r.regions()).extracting(x -> x.header().id()).containsExactlyInAnyOrderElementsOf(ids);
        for (PatchRegion x : r.regions()) {
            assertThat(x.object().shortName()).isEqualTo(target);
            assertThat(x.object().buildId()).isEqualTo(bid).isEqualTo(x.header().buildId());
            assertThat(x.object().buildIdSource()).isEqualTo("memory");
            assertThat(x.patchedObject()).isSameAs(x.object());
        }
    }

    @Test
    void patchedCoreShowsA0001OnTheExecutable() throws IOException {
        ScanResult r = scan(A + "core-2-patched");
        PatchRegion p = r.regions().get(0);
        // maps-2-patched.txt: the executable spans 558da3274000-558da3279000
        assertThat(p.object().path()).isEqualTo("/srv/kpcorpus/a_bounds_check/build/lpmake/bounds_demo");
        assertThat(p.object().start()).isEqualTo(0x558da3274000L);
        assertThat(p.object().end()).isEqualTo(0x558da3279000L);
        assertThat(p.header().buildId()).isEqualTo("a089a4f5e43ba0634a4ef66deeef1450ffe24aa4");
        assertThat(p.jumpTable()).isNull();
        AppliedRecord a = p.records().get(0);
        // README: e9 03 61 00 00 at daddr (jmp rel32 to saddr), undo 55 48 89 e5 89
        assertThat(a.function()).isEqualTo("lookup_slot");
        assertThat(hex(a.expectedJump())).isEqualTo("e903610000");
        assertThat(hex(java.util.Arrays.copyOf(a.entry(), 5))).isEqualTo("e903610000");
        assertThat(hex(a.saved())).isEqualTo("554889e589");
        assertThat(a.state()).isEqualTo(RecordState.ACTIVE);
        assertThat(r.functions()).singleElement().satisfies(f -> {
            assertThat(f.function()).isEqualTo("lookup_slot");
            assertThat(f.stack()).extracting(PatchedFunction.Ref::patch).containsExactly("A0001");
            assertThat(hex(f.original())).isEqualTo("554889e589");
            assertThat(f.originalTarget()).isNull();
        });
    }

    @Test
    void unpatchedAndAfterUnpatchShowNoPatch() throws IOException {
        for (String c : List.of(A + "core-1-unpatched", A + "core-3-after-unpatch")) {
            ScanResult r = scan(c);
            assertThat(r.regions()).as(c).isEmpty();
            assertThat(r.functions()).isEmpty();
            assertThat(r.bytesScanned()).isPositive();
            assertThat(ScanChecks.run(r)).allMatch(Finding::unverified);
        }
    }

    @Test
    void libraryPatchSpansTwoMappingsAndHasAJumpTableIntoLibc() throws IOException {
        ScanResult r = scan(B + "core-2-patched");
        PatchRegion p = r.regions().get(0);
        // README / maps-2-patched.txt: r-xp 0x2000 + rw-p 0x1000, on libshape.so mapped at 7f23f5778000
        assertThat(p.mappings()).extracting(Mapping::perms).containsExactly("r-x", "rw-");
        assertThat(p.object().path()).isEqualTo("/srv/kpcorpus/b_shared_lib/build/lpmake/libshape.so");
        assertThat(p.object().start()).isEqualTo(0x7f23f5778000L);
        // README: "jmp table: 0x7f23f57bd1f8 + 0x30", imports fprintf and stderr (both glibc)
        assertThat(p.address() + p.header().jmpOffset()).isEqualTo(0x7f23f57bd1f8L);
        assertThat(p.jumpTable().size()).isEqualTo(0x30);
        assertThat(p.jumpTable().entries()).hasSize(2).allSatisfy(e -> {
            assertThat(e.insn()).isEqualTo(0x90900000000225ffL);
            assertThat(r.describe(e.address())).startsWith("/usr/lib/x86_64-linux-gnu/libc.so.6 +0x");
        });
        // the imports the entries serve (README: fprintf@GLIBC_2.2.5 and stderr@GLIBC_2.2.5; the loader looks them
        // up without the version, kpatch-format.md 3.4)
        assertThat(p.importNames().values()).allSatisfy(n -> assertThat(n).matches("(fprintf|stderr)(@.*)?"))
                .hasSize(2);
        // the saved bytes live in the rw- part (user_undo 0x2e00 of a 0x2000-byte r-x part)
        assertThat(p.records().get(0).savedAddress()).isEqualTo(0x7f23f57bd000L + 0x2e00);
    }

    @Test
    void stackedChainIsRebuiltFromEntryAndSavedBytes() throws IOException {
        ScanResult r = scan(F + "core-all-applied");
        assertThat(r.regions()).extracting(x -> x.header().id()).containsExactly("F1", "F2", "F3");
        // README: the live entry of check_port jumps to F3, whose undo is the jump into F1 (whose undo is the
        // original code); check_name jumps to F2; F2 has a jump table with one entry (strlen), F1 and F3 none
        PatchedFunction port = r.functions().stream().filter(f -> "check_port".equals(f.function())).findFirst()
                .orElseThrow();
        assertThat(port.stack()).extracting(PatchedFunction.Ref::patch).containsExactly("F3", "F1");
        assertThat(hex(port.original())).isEqualTo("554889e589");
        assertThat(port.inactive()).isEmpty();
        PatchedFunction name = r.functions().stream().filter(f -> "check_name".equals(f.function())).findFirst()
                .orElseThrow();
        assertThat(name.stack()).extracting(PatchedFunction.Ref::patch).containsExactly("F2");
        assertThat(r.regions().get(0).records().get(0).state()).isEqualTo(RecordState.STACKED);
        assertThat(r.regions().get(1).records().get(0).state()).isEqualTo(RecordState.ACTIVE);
        assertThat(r.regions().get(2).records().get(0).state()).isEqualTo(RecordState.ACTIVE);
        assertThat(r.regions().get(1).jumpTable().entries()).hasSize(1);
        assertThat(r.regions().get(1).importNames().get(0)).startsWith("strlen");
        assertThat(r.regions().get(0).jumpTable()).isNull();
        assertThat(r.regions().get(2).jumpTable()).isNull();
    }

    @Test
    void savedMapsAgreeWithTheCoreMappings() throws IOException {
        // every file-backed line of maps-2 is a mapping of the core, with the same path and offset
        List<Mapping> maps = LiveProcess.parseMaps("maps", Samples.path(A + "maps-2-patched.txt"));
        ScanResult r = scan(A + "core-2-patched");
        for (Mapping m : maps) {
            if (!m.fileBacked()) {
                continue;
            }
            assertThat(r.mappings()).anySatisfy(x -> {
                assertThat(x.start()).isEqualTo(m.start());
                assertThat(x.path()).isEqualTo(m.path());
                assertThat(x.fileOffset()).isEqualTo(m.fileOffset());
            });
        }
    }
}
