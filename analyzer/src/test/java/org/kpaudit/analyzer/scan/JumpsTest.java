package org.kpaudit.analyzer.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.Code;

/** Jump forms at a function entry, hand-assembled from the Intel SDM and the Arm ARM encodings. */
class JumpsTest {

    static final Code X86 = new Code(62, "X86_64");
    static final Code ARM = new Code(183, "AARCH64");

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void x86Forms() throws Exception {
        long at = 0x401000;
        // jmp rel32 (E9 cd): target = next instruction + rel32
        assertThat(Jumps.target(X86, at, hex("e9 fb 0f 00 00"), null)).isEqualTo(0x402000L);
        assertThat(Jumps.target(X86, at, hex("e9 fb ef ff ff"), null)).isEqualTo(0x400000L);
        // jmp rel8 (EB cb)
        assertThat(Jumps.target(X86, at, hex("eb fe"), null)).isEqualTo(at);
        // movabs rax, imm64 (48 B8 io); jmp rax (FF E0)
        assertThat(Jumps.target(X86, at, hex("48 b8 88 77 66 55 44 33 22 11 ff e0"), null)).isEqualTo(0x1122334455667788L);
        // movabs r11, imm64 (49 BB io); jmp r11 (41 FF E3)
        assertThat(Jumps.target(X86, at, hex("49 bb 00 10 40 00 00 00 00 00 41 ff e3"), null)).isEqualTo(0x401000L);
        // push imm32 (68 id); ret (C3)
        assertThat(Jumps.target(X86, at, hex("68 00 20 40 00 c3"), null)).isEqualTo(0x402000L);
        // push rbp; mov rbp, rsp: not a jump
        assertThat(Jumps.target(X86, at, hex("55 48 89 e5 89"), null)).isNull();
        // jmp [rip+disp32] (FF 25 cd) needs the pointer from memory: without an image it is unknown
        assertThat(Jumps.target(X86, at, hex("ff 25 00 00 00 00"), null)).isNull();
        // libcare's trampoline is E9 with rel32 = saddr - daddr - 5 (kpatch-format.md 4.3)
        assertThat(Jumps.trampoline(X86, 0x558da3275169L, 0x558da327b271L)).isEqualTo(hex("e9 03 61 00 00"));
        assertThat(Jumps.hunkSize(X86)).isEqualTo(5);
    }

    @Test
    void aarch64Forms() throws Exception {
        long at = 0x400000;
        // b #+8 = 0x14000002; b #-4 = 0x17ffffff (little-endian words)
        assertThat(Jumps.target(ARM, at, hex("02 00 00 14"), null)).isEqualTo(at + 8);
        assertThat(Jumps.target(ARM, at, hex("ff ff ff 17"), null)).isEqualTo(at - 4);
        // ldr x17, #8 (58000051); br x17 (d61f0220); .quad addr: the jump table entry form
        assertThat(Jumps.target(ARM, at, hex("51 00 00 58 20 02 1f d6 00 00 00 00 01 00 00 00"), null))
                .isEqualTo(0x100000000L);
        // stp x29, x30, [sp, #-16]!: not a jump
        assertThat(Jumps.target(ARM, at, hex("fd 7b bf a9"), null)).isNull();
        assertThat(Jumps.trampoline(ARM, at, at - 4)).isEqualTo(hex("ff ff ff 17"));
        assertThat(Jumps.hunkSize(ARM)).isEqualTo(4);
    }
}
