package org.kpaudit.analyzer.scan;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.Problem;

/** SC203: parts of the image that could not be read or examined. */
@Rule(id = "SC203", name = "image-incomplete", severity = Severity.NOTE,
        summary = "Parts of the process image could not be read or examined (truncated core, pages not dumped, limits).",
        help = "kpaudit never reads missing bytes as zeros: a truncated core, a segment the kernel did not dump, an"
                + " anonymous executable mapping whose pages are not in the core, or a limit kpaudit applies to a"
                + " huge mapping leaves something unexamined. This note lists what, in one finding per image; the"
                + " scan's verdict is INCOMPLETE. Take the core again with the default coredump_filter (or 0x3f to"
                + " include file-backed pages), with enough disk and no size limit (ulimit -c unlimited).")
public final class ImageIncompleteCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        List<String> gaps = new ArrayList<>();
        for (Problem p : s.warnings()) {
            gaps.add((p.offset() >= 0 ? "at file offset " + hex(p.offset()) + ": " : "") + p.reason());
        }
        for (AnonymousCode a : s.anonymousCode()) {
            if (a.notInImage()) {
                gaps.add("the " + a.mapping().perms() + " mapping " + hex(a.mapping().start()) + "-"
                        + hex(a.mapping().end()) + (a.mapping().path() == null ? " (anonymous)" : " " + a.mapping().path())
                        + " is executable but none of its bytes are in the image, so whether it holds injected code"
                        + " is unknown");
            }
        }
        if (gaps.isEmpty()) {
            return;
        }
        out.unverified(at(s, -1, 0), gaps.size() + " part(s) of " + s.input() + " could not be examined: "
                + String.join("; ", gaps) + ".");
    }
}
