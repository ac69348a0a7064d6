package org.kpaudit.analyzer.disasm;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;

/**
 * x86_64 and aarch64 disassembly through the capstone library (Debian package libcapstone4),
 * bound with JNA when it is installed; without it {@link #available()} is false and reports show
 * the bytes with {@link #HOW_TO_GET}. Facts of the C API used (capstone.h of capstone 4 and 5):
 * {@code cs_open(arch, mode, csh*)} with CS_ARCH_ARM64 = 1, CS_ARCH_X86 = 3, CS_MODE_64 = 8 and
 * CS_MODE_ARM = 0 (little-endian); {@code cs_option(csh, CS_OPT_SYNTAX = 1, CS_OPT_SYNTAX_ATT = 2)};
 * {@code cs_disasm(csh, code, size, address, count, cs_insn**)}; {@code cs_free}; {@code cs_close};
 * {@code cs_version(int*, int*)}; {@code cs_insn} = id (u32), address (u64 at 8), size (u16 at
 * 16), bytes[16] (capstone 4; 24 from 5) at 18, mnemonic[32], op_str[160], detail pointer.
 */
public final class Disassembler {

    /** What a report says when capstone is missing. */
    public static final String HOW_TO_GET = "disassembly needs the capstone library: apt-get install libcapstone4"
            + " (Debian/Ubuntu) or dnf install capstone (Fedora)";

    /** Architectures kpaudit disassembles. */
    public enum Arch {
        X86_64(3, 8),
        AARCH64(1, 0);

        final int arch;
        final int mode;

        Arch(int arch, int mode) {
            this.arch = arch;
            this.mode = mode;
        }

        /** The architecture of an ELF e_machine (EM_X86_64 62, EM_AARCH64 183), or null for another. */
        public static Arch of(long eMachine) {
            return eMachine == 62 ? X86_64 : eMachine == 183 ? AARCH64 : null;
        }
    }

    /** One instruction: where, its bytes, and its text (AT&T syntax on x86_64, as objdump prints it). */
    public record Instruction(long address, byte[] bytes, String mnemonic, String operands) {
        public Instruction {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String text() {
            return operands.isEmpty() ? mnemonic : mnemonic + " " + operands;
        }
    }

    private static final Lib LIB = Lib.load();

    private Disassembler() {
    }

    /** True when the capstone library could be loaded. */
    public static boolean available() {
        return LIB != null;
    }

    /** The loaded library's version ("4.0"), or null. */
    public static String version() {
        return LIB == null ? null : LIB.major + "." + LIB.minor;
    }

    /**
     * Disassembles {@code code} as if it lay at {@code address}, up to {@code max} instructions; stops at
     * the first byte sequence that is not an instruction. Empty when capstone is not available.
     */
    public static List<Instruction> disassemble(Arch arch, byte[] code, long address, int max) {
        if (LIB == null || code.length == 0) {
            return List.of();
        }
        return LIB.run(arch, code, address, max);
    }

    /** The native functions, found once. */
    private static final class Lib {
        final Function open;
        final Function option;
        final Function disasm;
        final Function free;
        final Function close;
        final int major;
        final int minor;
        final int bytesField;

        private Lib(NativeLibrary l) {
            open = l.getFunction("cs_open");
            option = l.getFunction("cs_option");
            disasm = l.getFunction("cs_disasm");
            free = l.getFunction("cs_free");
            close = l.getFunction("cs_close");
            IntByReference ma = new IntByReference();
            IntByReference mi = new IntByReference();
            l.getFunction("cs_version").invokeInt(new Object[] {ma, mi});
            major = ma.getValue();
            minor = mi.getValue();
            bytesField = major >= 5 ? 24 : 16;
        }

        static Lib load() {
            for (String name : new String[] {"capstone", "libcapstone.so.4", "libcapstone.so.5"}) {
                try {
                    return new Lib(NativeLibrary.getInstance(name));
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    // not this name: try the next
                }
            }
            return null;
        }

        /** sizeof(cs_insn): the fields up to op_str, aligned to 8, plus the detail pointer. */
        private int insnSize() {
            int end = 18 + bytesField + 32 + 160;
            return ((end + 7) & ~7) + 8;
        }

        synchronized List<Instruction> run(Arch arch, byte[] code, long address, int max) {
            LongByReference handle = new LongByReference();
            if (open.invokeInt(new Object[] {arch.arch, arch.mode, handle}) != 0) {
                return List.of();
            }
            List<Instruction> out = new ArrayList<>();
            try {
                if (arch == Arch.X86_64) {
                    option.invokeInt(new Object[] {handle.getValue(), 1, 2L}); // AT&T, as objdump's default
                }
                Memory buf = new Memory(code.length);
                buf.write(0, code, 0, code.length);
                PointerByReference insns = new PointerByReference();
                long n = disasm.invokeLong(new Object[] {handle.getValue(), buf, (long) code.length, address,
                        (long) Math.max(0, max), insns});
                Pointer p = insns.getValue();
                if (n <= 0 || p == null) {
                    return List.of();
                }
                try {
                    int size = insnSize();
                    for (long i = 0; i < n; i++) {
                        Pointer x = p.share(i * size);
                        long at = x.getLong(8);
                        int len = x.getShort(16) & 0xffff;
                        byte[] b = x.getByteArray(18, Math.min(len, bytesField));
                        String mnemonic = x.getString(18 + bytesField, "US-ASCII");
                        String ops = x.getString(18 + bytesField + 32, "US-ASCII");
                        out.add(new Instruction(at, b, mnemonic, ops));
                    }
                } finally {
                    free.invokeVoid(new Object[] {p, n});
                }
            } finally {
                close.invokeInt(new Object[] {handle});
            }
            return out;
        }
    }
}
