package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.BigElf;
import org.kpaudit.testing.Samples;

class InspectCommandTest {

    private static final String A = "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch";

    @Test
    void kpatchAsJsonHasTheCaseFacts() throws Exception {
        CliRunner r = CliRunner.run("inspect", "--format", "json", Samples.path(A).toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode f = new ObjectMapper().readTree(r.out()).get("files").get(0);
        assertThat(f.get("kind").asText()).isEqualTo("kpatch");
        // a_bounds_check/README.md: id A0001, 504-byte header, total_size 4664, one record
        assertThat(f.at("/header/id").asText()).isEqualTo("A0001");
        assertThat(f.at("/header/layout").asText()).isEqualTo("V4");
        assertThat(f.at("/header/total_size").asLong()).isEqualTo(4664);
        assertThat(f.at("/elf/sections").asInt()).isEqualTo(43);
        JsonNode changed = f.at("/functions/changed/0");
        assertThat(changed.get("function").asText()).isEqualTo("lookup_slot");
        assertThat(changed.at("/original/address").asText()).isEqualTo("0x1169");
        assertThat(changed.at("/original/size").asInt()).isEqualTo(38);
        assertThat(changed.at("/new/size").asInt()).isEqualTo(57);
        assertThat(f.at("/relocations/.rela.kpatch.text/by_type/R_X86_64_PC32").asInt()).isEqualTo(1);
        assertThat(f.get("sections")).hasSize(43);
    }

    @Test
    void importsShowVersionsInYamlAndText() {
        String cxx = Samples.path("libcare/h_cxx/patch/2dfed7b410bbf2767d7a223a7fde185957418f22.kpatch").toString();
        CliRunner yaml = CliRunner.run("inspect", cxx);
        assertThat(yaml.exitCode()).isZero();
        assertThat(yaml.out()).contains("name: _Unwind_Resume\n").contains("version: GCC_3.0\n");
        CliRunner text = CliRunner.run("inspect", "-f", "text", cxx);
        assertThat(text.out()).containsPattern("_Unwind_Resume +GCC_3\\.0 +FUNC +GLOBAL");
    }

    @Test
    void elfShowsBuildIdNeededAndExpandsOnRequest() {
        String app = Samples.path("libcare/b_shared_lib/original/shapeapp").toString();
        CliRunner r = CliRunner.run("inspect", app);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("kind: elf-shared-object").contains("- libshape.so").contains("sections: 31");
        CliRunner full = CliRunner.run("inspect", "--sections", "--symbols", "--relocs", "-f", "json", app);
        assertThat(full.out()).contains("\"name\" : \".gnu.version_r\"").contains("\"name\" : \"shape_area\"")
                .contains("R_X86_64_JUMP_SLOT");
    }

    @Test
    void unreadableInputGivesExitThreeAndOneLinePerProblem(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.kpatch");
        Files.writeString(junk, "KPATCH1\0 and then garbage that is not a header at all");
        Path missing = dir.resolve("missing");
        CliRunner r = CliRunner.run("inspect", Samples.path(A).toString(), junk.toString(), missing.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("id: A0001");
        assertThat(r.err().lines()).containsExactly(
                "kpaudit: error: " + junk + ": offset 0x98: unknown header layout: no (kpatch_offset, rel_offset) pair"
                        + " equals a known header size (checked u32 pairs at 152/156 for 504 or 496, 168/172 for 504,"
                        + " 360/364 for 696, 352/356 for 688)",
                "kpaudit: error: " + missing + ": cannot read: no such file");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aDirectoryIsDescribedFileByFileInWalkOrderWithItsProblems(@TempDir Path dir) throws Exception {
        // b_shared_lib/original: shapeapp and libshape.so (README of the case); a truncated copy of
        // the library between them, and a text file, which a directory walk skips
        Path orig = Samples.path("libcare/b_shared_lib/original");
        Files.copy(orig.resolve("libshape.so"), dir.resolve("1-libshape.so"));
        byte[] lib = Files.readAllBytes(orig.resolve("libshape.so"));
        Files.write(dir.resolve("2-truncated.so"), java.util.Arrays.copyOf(lib, 200));
        Files.writeString(dir.resolve("3-notes.txt"), "not an object");
        Files.copy(orig.resolve("shapeapp"), dir.resolve("4-shapeapp"));
        String d = dir.toString();
        CliRunner json = CliRunner.run("inspect", "-f", "json", "--symbols", d);
        assertThat(json.exitCode()).isEqualTo(3);
        JsonNode files = new ObjectMapper().readTree(json.out()).get("files");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("file").asText()).isEqualTo(dir.resolve("1-libshape.so").toString());
        assertThat(files.get(0).get("kind").asText()).isEqualTo("elf-shared-object");
        assertThat(files.get(1).get("file").asText()).isEqualTo(dir.resolve("4-shapeapp").toString());
        assertThat(json.err().lines()).singleElement().asString()
                .startsWith("kpaudit: error: " + dir.resolve("2-truncated.so") + ": ");
        CliRunner yaml = CliRunner.run("inspect", "--symbols", d);
        CliRunner text = CliRunner.run("inspect", "-f", "text", "--symbols", d);
        assertThat(yaml.err()).isEqualTo(json.err());
        assertThat(text.err()).isEqualTo(json.err());
        assertThat(yaml.out()).startsWith("files:\n  - file: " + dir.resolve("1-libshape.so") + "\n")
                .contains("\n  - file: " + dir.resolve("4-shapeapp") + "\n").doesNotContain("truncated");
        assertThat(text.out()).startsWith("files (2):\n");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(CliRunner.run("inspect").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("inspect", "--format", "sarif", "x").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("frobnicate").exitCode()).isEqualTo(2);
        for (String cmd : new String[] {"audit", "inspect", "check", "checks", "diff", "chain", "scan"}) {
            CliRunner help = CliRunner.run(cmd, "--help");
            assertThat(help.exitCode()).as(cmd + " --help").isZero();
            assertThat(help.out()).as(cmd + " --help").startsWith("Usage: kpaudit " + cmd);
        }
        CliRunner v = CliRunner.run("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("kpaudit 0.");
    }

    @Test
    void outputGoesToTheGivenFileOnly(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.yaml");
        CliRunner r = CliRunner.run("inspect", "-o", out.toString(), Samples.path(A).toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).contains("id: A0001");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
        CliRunner bad = CliRunner.run("inspect", "-o", dir.resolve("no/such/dir/out.yaml").toString(),
                Samples.path(A).toString());
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void livepatchModulesShowTheRecoveredPatch() throws Exception {
        // samples/klp READMEs: patch-a (both builds) replace false, vmlinux cmdline_proc_show -> pa_cmdline_show
        // sympos 0; patch-b replace true, state 0x5eed v1, callbacks pre_patch and post_unpatch
        for (String a : new String[] {"klp/patch-a/patch-a.ko", "klp/patch-a/k6.1/patch-a.ko"}) {
            CliRunner r = CliRunner.run("inspect", "-f", "json", Samples.path(a).toString());
            assertThat(r.exitCode()).isZero();
            JsonNode m = new ObjectMapper().readTree(r.out()).at("/files/0");
            assertThat(m.get("kind").asText()).isEqualTo("livepatch-module");
            assertThat(m.at("/module/name").asText()).isEqualTo("patch_a");
            assertThat(m.at("/module/patch/replace").asBoolean()).isFalse();
            assertThat(m.at("/module/patch/objects/0/name").asText()).isEqualTo("vmlinux");
            assertThat(m.at("/module/patch/objects/0/functions/0/old_name").asText()).isEqualTo("cmdline_proc_show");
            assertThat(m.at("/module/patch/objects/0/functions/0/old_sympos").asInt()).isZero();
            assertThat(m.at("/module/patch/objects/0/functions/0/new_func").asText()).isEqualTo("pa_cmdline_show");
        }
        CliRunner b = CliRunner.run("inspect", Samples.path("klp/patch-b/patch-b.ko").toString());
        assertThat(b.out()).contains("replace: true").contains("id: 0x5eed").contains("pre_patch: pb_pre_patch")
                .contains("post_unpatch: pb_post_unpatch").contains("old_name: version_proc_show\n");
    }

    @Test
    void kernelModuleWithoutLivepatchKey(@TempDir Path dir) throws Exception {
        Path ko = dir.resolve("plain.ko");
        org.kpaudit.testing.KlpModuleBuilder b = new org.kpaudit.testing.KlpModuleBuilder("plain").livepatchKey(false);
        b.object(null).func("f", 0);
        Files.write(ko, b.build());
        CliRunner r = CliRunner.run("inspect", "-f", "json", ko.toString());
        assertThat(r.exitCode()).isZero();
        JsonNode m = new ObjectMapper().readTree(r.out()).at("/files/0");
        assertThat(m.get("kind").asText()).isEqualTo("kernel-module");
        assertThat(m.at("/module/livepatch").asBoolean()).isFalse();
        assertThat(m.at("/module/patch/objects/0/functions/0/old_name").asText()).isEqualTo("f");
    }

    @Test
    void anElfObjectAboveTwoGibIsInspectedNotRefused(@TempDir Path dir) throws Exception {
        Path big = org.kpaudit.testing.BigElf.write(dir.resolve("big.so"), java.util.List.of("alpha", "beta"));
        CliRunner r = CliRunner.run("inspect", "--sections", "--symbols", "-f", "json", big.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/files/0");
        assertThat(f.get("kind").asText()).isEqualTo("elf-shared-object");
        assertThat(f.get("size").asLong()).isEqualTo(Files.size(big)).isGreaterThan(Integer.MAX_VALUE);
        // BigElf puts .symtab at 2.5 GiB + 0x20 (after .text, 16 bytes per function)
        assertThat(f.at("/sections/2/name").asText()).isEqualTo(".symtab");
        assertThat(f.at("/sections/2/offset").asText()).isEqualTo("0x" + Long.toHexString(BigElf.FAR + 0x20));
        assertThat(f.at("/symtab/1/name").asText()).isEqualTo("alpha");
        assertThat(f.at("/symtab/2/value").asText()).isEqualTo("0x1010");
    }

    @Test
    void aSyscareUpatchObjectShowsItsTable(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("patch.upatch");
        Files.write(p, new org.kpaudit.testing.UpatchWriter().func("do_check", 0x40, 0x1180, 0x30, 0)
                .func("parse_args", 0x80, 0x1200, 0x64, 2).swapStrings().build());
        CliRunner r = CliRunner.run("inspect", "-f", "json", p.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/files/0");
        assertThat(f.get("kind").asText()).isEqualTo("upatch-patch");
        assertThat(f.at("/upatch/target_build_id").asText()).isEqualTo("2f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c");
        assertThat(f.at("/upatch/functions/1/name").asText()).isEqualTo("parse_args");
        assertThat(f.at("/upatch/functions/1/old_addr").asText()).isEqualTo("0x1200");
        // upatch-manage would pair the strings by order: shown where that reading differs
        assertThat(f.at("/upatch/functions/1/name_by_string_order").asText()).isEqualTo("do_check");
    }

    @Test
    void syscarePatchInfoIsShownWithItsChecks(@TempDir Path dir) throws Exception {
        java.util.Map<String, Object> info = new java.util.LinkedHashMap<>();
        info.put("uuid", "6a3e9c1d-0000-4000-8000-000000000001");
        info.put("name", "CVE-2026-0001");
        info.put("kind", "UserPatch");
        info.put("entities", java.util.List.of(java.util.Map.of("patch_name", "portcheck", "patch_target",
                "/usr/bin/portcheck", "uuid", "e1", "checksum", "00")));
        ObjectMapper cbor = new ObjectMapper(new com.fasterxml.jackson.dataformat.cbor.CBORFactory());
        byte[] payload = cbor.writeValueAsBytes(info);
        String sum = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(payload));
        Path p = dir.resolve("patch_info");
        Files.write(p, cbor.writeValueAsBytes(java.util.Map.of("magic", "112574B6EDEE4BA4A05F", "payload", payload,
                "checksum", sum)));
        CliRunner r = CliRunner.run("inspect", "-f", "json", p.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(r.out()).at("/files/0");
        assertThat(f.get("kind").asText()).isEqualTo("syscare-patch-info");
        assertThat(f.get("magic_ok").asBoolean()).isTrue();
        assertThat(f.get("checksum_ok").asBoolean()).isTrue();
        assertThat(f.at("/entities/0/patch_target").asText()).isEqualTo("/usr/bin/portcheck");
    }
}
