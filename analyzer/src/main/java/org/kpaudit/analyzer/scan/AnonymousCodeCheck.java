package org.kpaudit.analyzer.scan;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

/** SC107: executable memory no file backs and no patch explains. */
@Rule(id = "SC107", name = "anonymous-code", severity = Severity.WARNING,
        summary = "An anonymous executable (or writable and executable) mapping holds code no applied patch explains.",
        help = "Code normally comes from files: executables and libraries mapped read-only and executable. LibcarePlus"
                + " puts each patch into an anonymous executable mapping that starts with the KPATCH1 header, which"
                + " kpaudit recognises; the kernel's vDSO and vsyscall pages are not counted. Any other anonymous"
                + " executable mapping, and any mapping that is writable and executable at once, is where injected"
                + " code lives (malfind in Volatility's terms) - or a just-in-time compiler's code cache (Java, V8,"
                + " LuaJIT, .NET), which is legitimate in such a process. A mapping the image holds only zeros of is"
                + " not reported. Look at its first bytes and at the jumps that lead into it (SC101); in a process"
                + " that runs no JIT, treat it as an intrusion.")
public final class AnonymousCodeCheck extends ScanCheck {

    @Override
    public void check(ScanResult s, Findings out) {
        for (AnonymousCode a : s.anonymousCode()) {
            if (!a.holdsCode()) {
                continue;
            }
            String kind = a.mapping().writable() ? "writable and executable (" + a.mapping().perms() + ")"
                    : "anonymous executable (" + a.mapping().perms() + ")";
            long into = s.hooks().stream().filter(h -> h.target() != null && a.mapping().contains(h.target())).count();
            out.report(at(s, a.fileOffset(), a.firstBytes().length),
                    "The " + kind + " mapping " + hex(a.mapping().start()) + "-" + hex(a.mapping().end()) + " ("
                            + a.mapping().size() + " bytes" + (a.mapping().path() == null ? "" : ", " + a.mapping().path())
                            + ") holds code that no applied patch accounts for; it starts with "
                            + bytes(a.firstBytes()) + "." + (into > 0 ? " " + into + " hook(s) found jump into it"
                            + " (SC101)." : "") + " Unless the process runs a just-in-time compiler, this is injected"
                            + " code: keep the core and find out how it got there.");
        }
    }
}
