package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kpaudit.model.Code;
import org.kpaudit.model.MemoryImage;

/**
 * The jumps a function entry may hold: the trampolines libcare writes (kpatch-format.md section
 * 4.3: {@code E9 rel32} on x86_64, {@code B imm26} on aarch64) and the other common absolute
 * forms a hook uses, decoded to their destination.
 */
public final class Jumps {

    private Jumps() {
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
     * kpaudit decodes. x86_64: {@code E9 rel32}, {@code EB rel8}, {@code FF 25 disp32} (through a
     * pointer read from {@code mem}), {@code movabs rax|r11, imm64; jmp rax|r11},
     * {@code push imm32; ret}. aarch64: {@code B imm26}, {@code ldr x16|x17, #8; br x16|x17; .quad addr}.
     */
    public static Long target(Code machine, long at, byte[] bytes, MemoryImage mem) throws IOException {
        String m = machine == null || machine.name() == null ? "X86_64" : machine.name();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = bytes.length;
        if (m.equals("X86_64")) {
            int op = n > 0 ? bytes[0] & 0xff : -1;
            if (op == 0xe9 && n >= 5) {
                return at + 5 + b.getInt(1);
            }
            if (op == 0xeb && n >= 2) {
                return at + 2 + bytes[1];
            }
            if (op == 0xff && n >= 6 && (bytes[1] & 0xff) == 0x25) {
                long slot = at + 6 + b.getInt(2);
                if (mem == null) {
                    return null;
                }
                byte[] p = mem.read(slot, 8);
                return p.length == 8 ? ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN).getLong() : null;
            }
            if (n >= 12 && op == 0x48 && (bytes[1] & 0xff) == 0xb8 && (bytes[10] & 0xff) == 0xff
                    && (bytes[11] & 0xff) == 0xe0) {
                return b.getLong(2);
            }
            if (n >= 13 && op == 0x49 && (bytes[1] & 0xff) == 0xbb && (bytes[10] & 0xff) == 0x41
                    && (bytes[11] & 0xff) == 0xff && (bytes[12] & 0xff) == 0xe3) {
                return b.getLong(2);
            }
            if (n >= 6 && op == 0x68 && (bytes[5] & 0xff) == 0xc3) {
                return (long) b.getInt(1);
            }
            return null;
        }
        if (m.equals("AARCH64")) {
            if (n < 4) {
                return null;
            }
            int insn = b.getInt(0);
            if ((insn & 0xfc000000) == 0x14000000) {
                long imm = ((long) (insn << 6)) >> 6; // sign-extend imm26
                return at + imm * 4;
            }
            if (n >= 16 && (insn == 0x58000050 || insn == 0x58000051)) {
                int br = b.getInt(4);
                if (br == 0xd61f0200 || br == 0xd61f0220) {
                    return b.getLong(8);
                }
            }
            return null;
        }
        return null;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
