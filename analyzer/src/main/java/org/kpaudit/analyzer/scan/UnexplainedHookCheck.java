package org.kpaudit.analyzer.scan;

import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Location;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC101: a function entry jumps somewhere no applied patch explains. */
@Rule(id = "SC101", name = "unexplained-hook", severity = Severity.ERROR,
        summary = "A function entry jumps to code that no applied patch accounts for.",
        help = "LibcarePlus patches a function by writing a jump to the patch's new code over its first bytes"
                + " (E9 rel32 on x86_64, B imm26 on aarch64) and keeps the overwritten bytes in the patch region"
                + " (kpatch-format.md 4.3). Every jump at a function entry should therefore lead to the new code of an"
                + " applied patch for that function, and the bytes the oldest patch saved should be the original code."
                + " A jump anywhere else - unmapped memory, the heap, another library, another patch's code - is an"
                + " inline hook that no patch explains: the technique malware uses to take over a function. It is"
                + " found at the entries of patched functions, in the bytes the oldest patch saved, wherever an object's"
                + " code differs from its file (when the file is available: --sysroot, --debug-dir, --debuginfod, or"
                + " on disk for --pid), and from memory alone, in the code the image holds of objects whose file is"
                + " not available: a jump (E9 rel32, FF 25, movabs+jmp, push+ret; B, ldr+br on aarch64) at a function"
                + " entry to an anonymous executable mapping, a writable and executable one, or no mapping at all,"
                + " and such a jump anywhere in the code to an anonymous or writable executable mapping (malfind and"
                + " apihooks in Volatility's terms, made patch-aware). Keep the core as evidence, do not unpatch"
                + " (unpatching writes the"
                + " saved bytes back over whatever is there), and restart the process from trusted binaries.")
public final class UnexplainedHookCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (PatchedFunction f : s.functions()) {
            String fn = f.function() == null ? hex(f.address()) : f.function();
            String obj = f.object() == null ? "" : " in " + f.object().path();
            if (f.entryTarget() != null && f.stack().isEmpty()) {
                List<String> expected = f.inactive().stream()
                        .map(r -> r.patch() + " (" + hex(r.saddr()) + ")").toList();
                out.report(at(s, f.entryFileOffset(), f.entry().length).withFunction(fn).withSymbol(f.function()),
                        "The entry of " + fn + " at " + hex(f.address()) + obj + " jumps to " + hex(f.entryTarget())
                                + " (" + s.describe(f.entryTarget()) + "), but the patches that replace this function"
                                + " have their new code elsewhere: " + String.join(", ", expected) + ". Something"
                                + " other than libcare rewrote this entry (an inline hook). Keep the core, do not"
                                + " unpatch, and restart the process from trusted binaries.");
            }
            if (!f.stack().isEmpty() && f.originalTarget() != null) {
                PatchedFunction.Ref oldest = f.stack().get(f.stack().size() - 1);
                out.report(at(s, f.entryFileOffset(), f.entry().length).withFunction(fn).withSymbol(f.function())
                                .withPatch(oldest.patch()),
                        "The bytes patch " + oldest.patch() + " saved from the entry of " + fn + " at "
                                + hex(f.address()) + obj + " are " + bytes(f.original()) + ", a jump to "
                                + hex(f.originalTarget()) + " (" + s.describe(f.originalTarget()) + "), not the"
                                + " function's own code: the entry was already hooked when " + oldest.patch()
                                + " was applied, and unpatching it would put that hook back. Keep the core and"
                                + " restart the process from trusted binaries.");
            }
        }
        for (EntryHook h : s.hooks()) {
            String fn = h.symbol() == null ? hex(h.address()) : h.symbol();
            String where = h.object().path() + " +" + hex(h.address() - h.object().start());
            Location loc = at(s, h.fileOffset(), h.memory().length).withObject(h.object().path())
                    .withFunction(h.symbol() == null ? null : fn)
                    .withSymbol(h.symbol());
            String target = h.target() == null ? null : hex(h.target()) + " (" + h.targetDescription() + ")";
            if (h.memoryOnly()) {
                String found = EntryHook.BY_ENTRY.equals(h.detectedBy()) ? "at the entry of " + fn
                        : "in the code of " + h.object().shortName() + (h.symbol() == null ? "" : " (" + h.symbol() + ")");
                out.report(loc, "The bytes " + bytes(head(h.memory(), 16)) + " at " + hex(h.address()) + " (" + where
                        + "), " + found + ", are a " + h.jumpKind() + " to " + target + ". No applied patch accounts for"
                        + " it and no object's code is there: an inline hook into injected code. The object's file was"
                        + " not available, so this was found from memory alone; with the file (--sysroot, --debug-dir,"
                        + " --debuginfod) kpaudit also compares every byte. Keep the core as evidence and restart the"
                        + " process from trusted binaries.");
            } else if (h.target() != null) {
                out.report(loc, "The code of " + fn + " at " + hex(h.address()) + " (" + where + ") holds "
                        + bytes(head(h.memory(), 16)) + " where its file has " + bytes(head(h.file(), 16)) + ": a "
                        + h.jumpKind() + " to " + target + " that no applied patch accounts for (an inline hook)."
                        + " Keep the core and restart the process from trusted binaries.");
            } else {
                out.report(Severity.WARNING, loc, "The code of " + fn + " at " + hex(h.address()) + " (" + where
                        + ") holds " + bytes(head(h.memory(), 16)) + " where its file has " + bytes(head(h.file(), 16))
                        + "; no applied patch accounts for the change and it is not a jump kpaudit decodes."
                        + " Check whether a debugger breakpoint or a text relocation explains it; otherwise"
                        + " treat it as tampering.");
            }
        }
    }
}
