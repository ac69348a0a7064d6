package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kpaudit.analyzer.disasm.Disassembler;
import org.kpaudit.testing.Samples;

/**
 * {@code inspect --disassemble} of a sample's new functions equals {@code objdump -d} of the
 * embedded object (binutils, an independent disassembler): the same instructions at the same
 * addresses, mnemonics and operands compared after the two tools' spelling differences are taken
 * out (capstone writes AT&T size suffixes objdump omits, {@code $7} for {@code $0x7}, branch targets
 * as 0x...; objdump adds {@code <symbol+off>} and {@code # comments}). capstone comes from
 * libcapstone4, which .ci/run installs (KPAUDIT_REQUIRE_CAPSTONE makes its absence a failure).
 */
class DisassemblyTest {

    private static final Pattern OBJDUMP = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+?)\\s*\\t(\\S+)\\s*(.*)$");
    private static final Pattern NUMBER = Pattern.compile("(?<![%\\w])(-?)(0x[0-9a-f]+|[0-9]+)(?![\\w])");

    @ParameterizedTest
    @ValueSource(strings = {"libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch",
        "libcare/h_O2/patch/996a071e5c245d8156bd9cbe51b867ae913808fa.kpatch",
        "libcare/b_shared_lib/patch/3c2025b52044e37e2713275f1a07bcaf276e0472.kpatch"})
    void newFunctionsDisassembleAsObjdumpDoes(String sample, @TempDir Path dir) throws Exception {
        if (!Disassembler.available()) {
            if (System.getenv("KPAUDIT_REQUIRE_CAPSTONE") != null) {
                throw new AssertionError(Disassembler.HOW_TO_GET);
            }
            Assumptions.abort(Disassembler.HOW_TO_GET);
        }
        Path kpatch = Samples.path(sample);
        // the embedded ELF object starts at kpatch_offset 504 (LibcarePlus layout; samples/libcare/README.md)
        byte[] all = Files.readAllBytes(kpatch);
        Path obj = dir.resolve("embedded.o");
        Files.write(obj, Arrays.copyOfRange(all, 504, all.length));
        Process p = new ProcessBuilder("objdump", "-d", "-j", ".kpatch.text", obj.toString()).redirectErrorStream(true)
                .start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertThat(p.waitFor()).isZero();
        List<String[]> expected = new ArrayList<>();
        for (String l : lines) {
            Matcher m = OBJDUMP.matcher(l);
            if (m.matches()) {
                expected.add(new String[] {"0x" + m.group(1), m.group(3), m.group(4)});
            }
        }
        assertThat(expected).isNotEmpty();

        CliRunner r = CliRunner.run("inspect", "--disassemble", "-f", "json", kpatch.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode funcs = new ObjectMapper().readTree(r.out()).at("/files/0/functions");
        List<String[]> actual = new ArrayList<>();
        for (String kind : new String[] {"changed", "new"}) {
            for (JsonNode f : funcs.get(kind)) {
                for (JsonNode in : f.get("disassembly")) {
                    String text = in.get("instruction").asText();
                    int sp = text.indexOf(' ');
                    actual.add(new String[] {in.get("address").asText(), sp < 0 ? text : text.substring(0, sp),
                            sp < 0 ? "" : text.substring(sp + 1)});
                }
            }
        }
        actual.sort(java.util.Comparator.comparingLong(a -> Long.decode(a[0])));
        // objdump lists every function of the section; kpaudit those of the .kpatch.info records, each once
        assertThat(actual).extracting(a -> a[0]).isSubsetOf(expected.stream().map(e -> e[0]).toList());
        assertThat(actual.size()).isGreaterThan(expected.size() / 2);
        for (String[] a : actual) {
            String[] e = expected.stream().filter(x -> x[0].equals(a[0])).findFirst().orElseThrow();
            assertThat(mnemonic(a[1], e[1])).as("mnemonic at %s: %s vs objdump %s", a[0], a[1], e[1]).isTrue();
            assertThat(operands(a[2], a[1])).as("operands at %s: %s %s vs objdump %s %s", a[0], a[1], a[2], e[1], e[2])
                    .isEqualTo(operands(e[2], e[1]));
        }
    }

    /** Equal, or capstone's AT&T size suffix where objdump leaves it out (pushq/push, retq/ret). */
    private static boolean mnemonic(String capstone, String objdump) {
        return capstone.equals(objdump) || capstone.length() == objdump.length() + 1 && capstone.startsWith(objdump)
                && "bwlq".indexOf(capstone.charAt(capstone.length() - 1)) >= 0;
    }

    /** Operands without the tools' spelling: no comment, no symbol, no blanks, numbers as hex, scale 1 implied. */
    private static String operands(String ops, String mnemonic) {
        String s = ops.replaceAll("#.*$", "").replaceAll("<[^>]*>", "").replace(" ", "").trim();
        boolean branch = mnemonic.startsWith("j") || mnemonic.startsWith("call");
        if (branch && s.matches("[0-9a-f]+")) {
            s = "0x" + s; // objdump writes a branch target as bare hex
        }
        s = s.replaceAll("(?<=[(,])0x0\\(", "(").replaceAll("^0x0\\(", "(").replaceAll(",1\\)", ")");
        Matcher m = NUMBER.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long v = m.group(2).startsWith("0x") ? Long.parseUnsignedLong(m.group(2).substring(2), 16)
                    : Long.parseLong(m.group(2));
            m.appendReplacement(sb, m.group(1) + "0x" + Long.toHexString(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @org.junit.jupiter.api.Test
    void theHookAndItsPayloadAreShownAsCode() throws Exception {
        Assumptions.assumeTrue(Disassembler.available() || System.getenv("KPAUDIT_REQUIRE_CAPSTONE") != null);
        CliRunner r = CliRunner.run("scan", "-f", "json", Samples.path("forensics/inline-hook/core-hooked").toString());
        JsonNode s = new ObjectMapper().readTree(r.out()).at("/scans/0");
        // forensics/inline-hook/README.md: e9 82 fe ff 03 jumps to the payload page at 0x55d1fbf5c000, which holds
        // b8 01 00 00 00 c3 (mov $1,%eax; ret)
        assertThat(s.at("/hooks/0/memory_code").asText()).isEqualTo("jmp 0x55d1fbf5c000");
        assertThat(s.at("/anonymous_code/0/first_instructions").asText()).isEqualTo("movl $1, %eax; retq");
        // an applied patch's record (a_bounds_check README): entry e9 03 61 00 00, saved 55 48 89 e5 89
        JsonNode rec = new ObjectMapper().readTree(CliRunner.run("scan", "-f", "json",
                Samples.path("libcare/a_bounds_check/runtime/core-2-patched").toString()).out())
                .at("/scans/0/patches/0/records/0");
        assertThat(rec.get("entry_code").asText()).isEqualTo("jmp 0x558da327b271");
        assertThat(rec.get("saved_code").asText()).isEqualTo("pushq %rbp; movq %rsp, %rbp");
    }
}
