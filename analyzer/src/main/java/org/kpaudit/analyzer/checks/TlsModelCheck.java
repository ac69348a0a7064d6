package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Symbol;

@Rule(id = "KP205", name = "tls-model", severity = Severity.ERROR,
        summary = "Thread-local storage is used in another model than initial-exec, or in a way the loader mishandles.",
        help = "LibcarePlus supports thread-local variables only in the initial-exec model: on x86_64 GOTTPOFF"
                + " (local-exec TPOFF32 is checked and neutralised by kpatch_strip), on aarch64 the two TLSIE"
                + " relocations; general- and local-dynamic and TLS descriptors fail ('non-supported TLS model',"
                + " kpatch-format.md 3.1-3.3). TPOFF32/TPOFF64 left in a patch are logged and then ignored, so the"
                + " access uses an unrelocated offset. On aarch64 a relocation against a LOCAL TLS symbol makes the"
                + " loader return early and silently skip every later relocation of that section. Rebuild the"
                + " patched code with -ftls-model=initial-exec, or avoid the thread-local variable.")
public final class TlsModelCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        ElfFile elf = p.patch().elf();
        long m = p.machine();
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            long t = rr.type();
            String sec = rr.section().section().name();
            var where = p.atElf(rr.r().fileOffset(), rr.section().section().entsize()).withSection(sec)
                    .withSymbol(rr.r().symbolName());
            String what = "Relocation " + rr.r().index() + " of " + sec + " (" + Elf.typeName(rr.r().type())
                    + (rr.r().symbolName() == null ? "" : " against " + rr.r().symbolName()) + ")";
            if (m == Elf.EM_X86_64 && Elf.isTls(m, t) && t != Elf.X_GOTTPOFF) {
                if (t == Elf.X_TPOFF32 || t == Elf.X_TPOFF64) {
                    out.report(Severity.WARNING, where, what + " is a local-exec TLS access that kpatch_strip"
                            + " normally rewrites to R_X86_64_NONE. The loader only logs 'TPOFF32/TPOFF64 should not be"
                            + " present' and leaves the instruction unrelocated. Check that the thread-pointer offset"
                            + " compiled into the new code equals the original's.");
                } else {
                    out.report(where, what + " uses a TLS model other than initial-exec; LibcarePlus fails with"
                            + " 'non-supported TLS model'. Compile the patched code with -ftls-model=initial-exec.");
                }
            } else if (m == Elf.EM_AARCH64 && Elf.isTls(m, t)) {
                if (t != Elf.A_TLSIE_ADR_GOTTPREL_PAGE21 && t != Elf.A_TLSIE_LD64_GOTTPREL_LO12_NC) {
                    out.report(where, what + " uses a TLS model other than initial-exec; LibcarePlus fails with"
                            + " 'non-supported TLS model'. Compile the patched code with -ftls-model=initial-exec.");
                }
                Symbol s = Elf.symbol(elf, rr.r().symbolIndex()).orElse(null);
                if (s != null && s.type().is("TLS") && s.bind().is("LOCAL")) {
                    out.report(Severity.WARNING, where, what + " is against the LOCAL TLS symbol " + s.name()
                            + ". The aarch64 loader returns early for LOCAL TLS symbols, which silently skips every"
                            + " later relocation of " + sec + ": the new code would run with unrelocated"
                            + " instructions.");
                }
            }
        }
    }
}
