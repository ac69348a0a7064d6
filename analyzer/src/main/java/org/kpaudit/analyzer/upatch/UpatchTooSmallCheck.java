package org.kpaudit.analyzer.upatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.UpatchPatch;

/** UP102: a function shorter than the trampoline written over its entry. */
@Rule(id = "UP102", name = "upatch-function-too-small", severity = Severity.ERROR,
        summary = "A patched function is shorter than the 14-byte (x86_64) or 16-byte (aarch64, riscv64) trampoline.",
        help = "upatch-manage redirects a function by writing a trampoline over its entry: ff 25 00 00 00 00 and an"
                + " 8-byte address on x86_64 (14 bytes), ldr x17, #8; br x17 and the address on aarch64 (16 bytes)"
                + " (upatch-manage arch/*/ptrace.c get_new_insn()). It never compares old_size with that length, so a"
                + " shorter function has the start of the next function overwritten, which then crashes or misbehaves"
                + " when called. Patch a caller instead, or make the function longer. Source: upatch-format.md"
                + " sections 5-6.")
public final class UpatchTooSmallCheck extends UpatchCheck {

    @Override
    public void check(UpatchSubject s, Findings out) {
        int need = s.trampolineSize();
        for (UpatchPatch.UpatchFunction f : s.patch().functions()) {
            if (Long.compareUnsigned(f.oldSize(), need) < 0) {
                String fn = f.name() == null ? "entry " + f.index() : f.name();
                out.report(s.at(f.fileOffset(), 48).withSection(".upatch.funcs").withFunction(fn),
                        fn + " is " + f.oldSize() + " bytes long (old_size), but the loader writes a " + need
                                + "-byte trampoline over its entry without checking: the code after the function is"
                                + " overwritten. Patch a caller instead.");
            }
        }
    }
}
