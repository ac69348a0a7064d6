package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC201: a mapped object whose code could not be compared with its file. */
@Rule(id = "SC201", name = "object-not-verified", severity = Severity.NOTE,
        summary = "A mapped object's code could not be compared with its file (file absent, build-id differs, unreadable).",
        help = "kpaudit proves a mapped object unmodified by finding its file - by path under --sysroot, or by its"
                + " build-id in --debug-dir, on debuginfod servers (--debuginfod, DEBUGINFOD_URLS) or among the files"
                + " audit was given - checking that the file's build-id is the one in memory, and comparing every"
                + " byte of the object's code that the image holds with it (a core holds the code pages that were"
                + " written to; the others are the file's by construction). Without the file only the memory-only"
                + " detection ran (jumps into anonymous or writable executable memory), and the saved original bytes"
                + " of its patched functions were not checked. The scan's verdict is INCOMPLETE, not PASS. Cores"
                + " usually come from other machines: give their files with --sysroot (a copy of the machine's file"
                + " system), --debug-dir or --debuginfod.")
public final class ObjectNotVerifiedCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (LoadedObject o : s.objects()) {
            if (!o.executable() || o.verified()) {
                continue;
            }
            long code = o.codeInImage();
            String what = code == 0
                    ? "None of its code is in the image (a core holds only the code pages that were written to), so"
                            + " without the file kpaudit cannot confirm which file was mapped"
                    : "The image holds " + code + " bytes of its code, which were examined from memory alone (jumps into"
                            + " anonymous or writable executable memory), not compared byte for byte";
            long patched = s.functions().stream().filter(f -> f.object() == o && !f.stack().isEmpty()).count();
            out.unverified(at(s, -1, 0).withObject(o.path()),
                    "The code of " + o.path() + " (build-id " + (o.buildId() == null ? "unknown" : o.buildId())
                            + ", mapped at " + hex(o.start()) + ") was not compared with its file: " + o.note() + ". "
                            + what + (patched > 0 ? "; the original bytes saved by the patches of its " + patched
                            + " patched function(s) were not checked either" : "") + ".");
        }
    }
}
