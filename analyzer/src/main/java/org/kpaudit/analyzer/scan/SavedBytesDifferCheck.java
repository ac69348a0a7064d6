package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC106: the original bytes a patch saved are not the function's code in its file. */
@Rule(id = "SC106", name = "saved-bytes-differ", severity = Severity.ERROR,
        summary = "The bytes the oldest patch saved from a function entry differ from the object's file.",
        help = "When libcare-ctl patches a function it copies the bytes it overwrites into the patch's undo area,"
                + " and unpatching writes them back (kpatch-format.md 4.3). The oldest patch of a function must"
                + " therefore have saved the function's own code, as the object's file has it. Other bytes mean the"
                + " entry was changed before the patch was applied (a hook, a debugger breakpoint), or the undo area"
                + " was changed since: unpatching would write those bytes into the function. Needs the object's"
                + " file (--sysroot, --debug-dir, --debuginfod; on disk for --pid); when the saved bytes are a jump,"
                + " SC101 reports it as a hook instead. Do not unpatch; keep the core and restart the process from"
                + " trusted binaries.")
public final class SavedBytesDifferCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (PatchedFunction f : s.functions()) {
            if (f.originalVsFile() != FileComparison.DIFFERS || f.originalTarget() != null || f.stack().isEmpty()) {
                continue;
            }
            PatchedFunction.Ref oldest = f.stack().get(f.stack().size() - 1);
            String fn = f.function() == null ? hex(f.address()) : f.function();
            out.report(at(s, f.entryFileOffset(), f.entry().length).withFunction(fn).withSymbol(f.function())
                            .withPatch(oldest.patch()),
                    "Patch " + oldest.patch() + " saved " + bytes(f.original()) + " from the entry of " + fn + " at "
                            + hex(f.address()) + " in " + f.object().path() + ", but the file "
                            + f.object().file() + " has " + bytes(f.fileBytes()) + " there. Unpatching would write the"
                            + " saved bytes back, and they are not the function's code: the entry had been changed"
                            + " before the patch was applied, or the undo area since. Do not unpatch; keep the core"
                            + " and restart the process from trusted binaries.");
        }
    }
}
