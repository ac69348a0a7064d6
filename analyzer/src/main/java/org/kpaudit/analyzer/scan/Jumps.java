package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kpaudit.model.Code;
import org.kpaudit.model.MemoryImage;

/**
 * The jumps a function entry may hold: the trampolines libcare writes (kpatch-format.md section
 * 4.3: {@code E9 rel32} on x86_64, {@code B imm26} on aarch64), upatch's absolute trampolines
 * (upatch-format.md section 5: {@code FF 25 00000000} + address, {@code ldr x17, #8; br x17} +
 * address) and the other common forms an inline hook uses, decoded to their destination.
 * Encodings: Intel SDM vol. 2 (JMP, MOV, PUSH, RET), Arm ARM (B, LDR literal, BR).
 */
public final class Jumps {

    private Jumps() {
    }

    /** A decoded jump: where it goes, its form, and how many bytes it spans. */
    public record Jump(long target, String kind, int length) {
    }

    /** Bytes libcare writes at each function entry (HUNK_SIZE of src/arch/{x86,aarch64,riscv64,loongarch64}). */
    public static int hunkSize(Code machine) {
        if (machine == null) {
            return 5;
        }
        return switch (machine.name() == null ? "" : machine.name()) {
            case "AARCH64", "LOONGARCH" -> 4;
            case "RISCV" -> 8;
            default -> 5;
        };
    }

    /** The trampoline libcare writes at {@code from} to reach {@code to}, or empty when kpaudit does not know it for this machine. */
    public static byte[] trampoline(Code machine, long from, long to) {
        String m = machine == null || machine.name() == null ? "X86_64" : machine.name();
        if (m.equals("X86_64")) {
            long rel = to - from - 5;
            return new byte[] {(byte) 0xe9, (byte) rel, (byte) (rel >> 8), (byte) (rel >> 16), (byte) (rel >> 24)};
        }
        if (m.equals("AARCH64")) {
            int insn = 0x14000000 | (int) (((to - from) >> 2) & 0x03ffffff);
            return le(4).putInt(insn).array();
        }
        return new byte[0];
    }

    /**
     * Where the instruction(s) at {@code at} jump, or null when {@code bytes} is not a jump
     * kpaudit decodes (see {@link #decode}).
     */
    public static Long target(Code machine, long at, byte[] bytes, MemoryImage mem) throws IOException {
        Jump j = decode(machine, at, bytes, 0, bytes.length, mem);
        return j == null ? null : j.target();
    }

    /**
     * The jump at {@code buf[off..off+len)}, which is at address {@code at}, or null. x86_64:
     * {@code E9 rel32}, {@code EB rel8}, {@code FF 25 disp32} (through a pointer read from
     * {@code mem}, or from the bytes themselves when disp32 is 0 and they hold the pointer),
     * {@code movabs rax|r11, imm64; jmp rax|r11}, {@code push imm32; ret}. aarch64: {@code B imm26},
     * {@code ldr x16|x17, #8; br x16|x17; .quad addr}.
     */
    public static Jump decode(Code machine, long at, byte[] buf, int off, int len, MemoryImage mem)
            throws IOException {
        String m = machine == null || machine.name() == null ? "X86_64" : machine.name();
        int n = Math.min(len, buf.length - off);
        if (n <= 0) {
            return null;
        }
        if (m.equals("X86_64")) {
            int op = buf[off] & 0xff;
            if (op == 0xe9 && n >= 5) {
                return new Jump(at + 5 + i32(buf, off + 1), "jmp rel32", 5);
            }
            if (op == 0xeb && n >= 2) {
                return new Jump(at + 2 + buf[off + 1], "jmp rel8", 2);
            }
            if (op == 0xff && n >= 6 && (buf[off + 1] & 0xff) == 0x25) {
                int disp = i32(buf, off + 2);
                long slot = at + 6 + disp;
                if (disp == 0 && n >= 14) {
                    return new Jump(i64(buf, off + 6), "jmp *0(%rip) + address", 14);
                }
                if (mem == null) {
                    return null;
                }
                byte[] p = mem.read(slot, 8);
                return p.length == 8 ? new Jump(i64(p, 0), "jmp *disp32(%rip)", 6) : null;
            }
            if (n >= 12 && op == 0x48 && (buf[off + 1] & 0xff) == 0xb8 && (buf[off + 10] & 0xff) == 0xff
                    && (buf[off + 11] & 0xff) == 0xe0) {
                return new Jump(i64(buf, off + 2), "movabs imm64, %rax; jmp *%rax", 12);
            }
            if (n >= 13 && op == 0x49 && (buf[off + 1] & 0xff) == 0xbb && (buf[off + 10] & 0xff) == 0x41
                    && (buf[off + 11] & 0xff) == 0xff && (buf[off + 12] & 0xff) == 0xe3) {
                return new Jump(i64(buf, off + 2), "movabs imm64, %r11; jmp *%r11", 13);
            }
            if (n >= 6 && op == 0x68 && (buf[off + 5] & 0xff) == 0xc3) {
                return new Jump(i32(buf, off + 1), "push imm32; ret", 6);
            }
            return null;
        }
        if (m.equals("AARCH64")) {
            if (n < 4) {
                return null;
            }
            int insn = i32(buf, off);
            if ((insn & 0xfc000000) == 0x14000000) {
                long imm = ((long) (insn << 6)) >> 6; // sign-extend imm26
                return new Jump(at + imm * 4, "b imm26", 4);
            }
            if (n >= 16 && (insn == 0x58000050 || insn == 0x58000051)) {
                int br = i32(buf, off + 4);
                if (br == 0xd61f0200 && insn == 0x58000050 || br == 0xd61f0220 && insn == 0x58000051) {
                    return new Jump(i64(buf, off + 8), insn == 0x58000050 ? "ldr x16, #8; br x16" : "ldr x17, #8; br x17",
                            16);
                }
            }
            return null;
        }
        return null;
    }

    private static int i32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static long i64(byte[] b, int off) {
        return (i32(b, off) & 0xffffffffL) | (long) i32(b, off + 4) << 32;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
