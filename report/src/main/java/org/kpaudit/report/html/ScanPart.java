package org.kpaudit.report.html;

import static org.kpaudit.report.Values.hex;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.scan.AppliedRecord;
import org.kpaudit.analyzer.scan.EntryHook;
import org.kpaudit.analyzer.scan.HexBytes;
import org.kpaudit.analyzer.scan.LoadedObject;
import org.kpaudit.analyzer.scan.PatchRegion;
import org.kpaudit.analyzer.scan.PatchedFunction;
import org.kpaudit.analyzer.scan.ScanResult;

/**
 * The forensic part of the HTML report: for each core dump (or process), the mapped objects, the
 * patch regions found in memory, each patched function's entry jump and saved bytes, the stacking
 * order of patches on one function, and entry jumps no patch explains.
 */
public final class ScanPart implements HtmlReport.Part {

    private final List<ScanResult> scans;

    public ScanPart(List<ScanResult> scans) {
        this.scans = List.copyOf(scans);
    }

    @Override
    public String title() {
        return scans.size() + " core dumps";
    }

    @Override
    public String anchor() {
        return "cores";
    }

    @Override
    public void render(Html h) {
        h.open("section", "id", anchor()).el("h2", "Core dumps and processes");
        for (ScanResult s : scans) {
            scan(h, s);
        }
        h.close("section");
    }

    private static void scan(Html h, ScanResult s) {
        h.open("section", "class", "core", "data-file", s.input());
        h.el("h3", s.input());
        h.open("dl", "class", "kv");
        kv(h, "process", s.processName() == null ? "" : s.processName());
        kv(h, "command line", s.commandLine() == null ? "" : s.commandLine());
        kv(h, "machine", s.machine() == null || s.machine().name() == null ? "" : s.machine().name());
        kv(h, "patch regions", Integer.toString(s.regions().size()));
        kv(h, "unexplained hooks", Integer.toString(s.hooks().size()));
        long objects = s.objectsVerified() + s.objectsUnverified();
        h.el("dt", "objects compared with their files").el("dd", s.objectsVerified() + " of " + objects
                + (s.objectsUnverified() > 0 ? " (" + s.objectsUnverified() + " not verified)" : ""),
                "class", s.objectsUnverified() > 0 ? "mono unverified-count" : "mono", "data-unverified",
                Long.toString(s.objectsUnverified()));
        kv(h, "patched entries verified", s.entriesVerified() + " of " + (s.entriesVerified() + s.entriesUnverified()));
        kv(h, "code examined from memory alone", s.codeExamined() + " bytes");
        h.close("dl");

        h.open("details", s.objectsUnverified() > 0 ? new String[] {"open", "open"} : new String[0])
                .el("summary", "Mapped objects (" + s.objects().size() + ")");
        h.open("table", "class", "objects").open("thead").open("tr").el("th", "path").el("th", "start").el("th", "end")
                .el("th", "build-id").el("th", "verified").el("th", "file / why not").close("tr").close("thead")
                .open("tbody");
        for (LoadedObject o : s.objects()) {
            h.open("tr", "class", o.verified() ? "verified" : "not-verified").el("td", o.path(), "class", "mono")
                    .el("td", hex(o.start()), "class", "mono").el("td", hex(o.end()), "class", "mono")
                    .el("td", o.buildId() == null ? "" : o.buildId(), "class", "mono")
                    .el("td", o.verified() ? "yes" : "no")
                    .el("td", o.verified() ? o.fileSource() : o.note() == null ? "" : o.note()).close("tr");
        }
        h.close("tbody").close("table").close("details");

        if (s.regions().isEmpty()) {
            h.el("p", "No applied LibcarePlus patch in this image.", "class", "muted no-patch");
        }
        for (PatchRegion r : s.regions()) {
            h.open("div", "class", "region", "data-id", r.header().id());
            h.el("h4", "Patch " + (r.header().id() == null ? "(no id)" : r.header().id()) + " at " + hex(r.address())
                    + " (" + r.size() + " bytes)");
            h.open("dl", "class", "kv");
            kv(h, "build-id", r.header().buildId());
            kv(h, "patches", r.patchedObject() == null ? "no mapped object with this build-id"
                    : r.patchedObject().path() + " at " + hex(r.patchedObject().start()));
            kv(h, "layout", r.header().layout().name());
            if (!r.problems().isEmpty()) {
                kv(h, "problems", String.join("; ", r.problems()));
            }
            h.close("dl");
            h.open("table", "class", "records").open("thead").open("tr").el("th", "function").el("th", "entry")
                    .el("th", "bytes at entry").el("th", "jumps to").el("th", "saved bytes").el("th", "state")
                    .el("th", "entry as code").el("th", "saved bytes as code")
                    .close("tr").close("thead").open("tbody");
            for (AppliedRecord a : r.records()) {
                byte[] entry = a.entry() == null ? null
                        : java.util.Arrays.copyOf(a.entry(), Math.min(a.entry().length, Math.max(1, r.hunkSize())));
                h.open("tr", "class", a.raw().isNew() ? "new-function" : "patched-function")
                        .el("td", a.function() == null ? "" : a.function(), "class", "mono")
                        .el("td", a.raw().isNew() ? "(new)" : hex(a.raw().daddr()), "class", "mono")
                        .el("td", a.raw().isNew() ? "" : entry == null ? "not in core" : HexBytes.spaced(entry), "class", "mono")
                        .el("td", a.entryTarget() == null ? "" : hex(a.entryTarget()), "class", "mono")
                        .el("td", a.saved() == null ? "" : HexBytes.spaced(a.saved()), "class", "mono")
                        .el("td", a.state() == null ? "" : a.state().name().toLowerCase(java.util.Locale.ROOT))
                        .el("td", a.raw().isNew() || entry == null ? "" : code(s, entry, a.raw().daddr()), "class", "mono")
                        .el("td", a.raw().isNew() || a.saved() == null ? "" : code(s, a.saved(), a.raw().daddr()),
                                "class", "mono")
                        .close("tr");
            }
            h.close("tbody").close("table").close("div");
        }

        List<PatchedFunction> stacked = new ArrayList<>();
        for (PatchedFunction f : s.functions()) {
            if (f.stack().size() > 1) {
                stacked.add(f);
            }
        }
        if (!stacked.isEmpty()) {
            h.el("h4", "Stacked patches (newest first)");
            h.open("table", "class", "stacks").open("tbody");
            for (PatchedFunction f : stacked) {
                List<String> order = new ArrayList<>();
                f.stack().forEach(r -> order.add(r.patch()));
                h.open("tr").el("td", f.function(), "class", "mono").el("td", String.join(" \u2192 ", order), "class", "mono")
                        .close("tr");
            }
            h.close("tbody").close("table");
        }
        if (!s.hooks().isEmpty()) {
            h.el("h4", "Hooks no patch explains");
            h.open("table", "class", "hooks").open("thead").open("tr").el("th", "function").el("th", "address")
                    .el("th", "object + offset").el("th", "found by").el("th", "bytes in memory").el("th", "in the file")
                    .el("th", "jump").el("th", "target").el("th", "target mapping").close("tr").close("thead")
                    .open("tbody");
            for (EntryHook k : s.hooks()) {
                String mapping = k.targetMapping() == null ? "none (unmapped)" : hex(k.targetMapping().start()) + "-"
                        + hex(k.targetMapping().end()) + " " + k.targetMapping().perms()
                        + (k.targetMapping().path() == null ? " anonymous" : " " + k.targetMapping().path());
                h.open("tr").el("td", k.symbol() == null ? "" : k.symbol(), "class", "mono")
                        .el("td", hex(k.address()), "class", "mono")
                        .el("td", k.object() == null ? "" : k.object().shortName() + " +"
                                + hex(k.address() - k.object().start()), "class", "mono")
                        .el("td", k.detectedBy() == null ? "" : k.detectedBy())
                        .el("td", HexBytes.spaced(k.memory()), "class", "mono")
                        .el("td", k.file().length == 0 ? "(no file)" : HexBytes.spaced(k.file()), "class", "mono")
                        .el("td", k.jumpKind() == null ? "" : k.jumpKind())
                        .el("td", k.target() == null ? "" : hex(k.target()), "class", "mono")
                        .el("td", mapping, "class", "mono").close("tr");
            }
            h.close("tbody").close("table");
        }
        List<org.kpaudit.analyzer.scan.AnonymousCode> code = s.anonymousCode().stream()
                .filter(a -> a.holdsCode() || a.notInImage()).toList();
        if (!code.isEmpty()) {
            h.el("h4", "Anonymous executable memory no patch explains");
            h.open("table", "class", "anonymous-code").open("thead").open("tr").el("th", "mapping").el("th", "perms")
                    .el("th", "size").el("th", "first bytes").close("tr").close("thead").open("tbody");
            for (org.kpaudit.analyzer.scan.AnonymousCode a : code) {
                h.open("tr").el("td", hex(a.mapping().start()) + "-" + hex(a.mapping().end()), "class", "mono")
                        .el("td", a.mapping().perms(), "class", "mono").el("td", Long.toString(a.mapping().size()))
                        .el("td", a.notInImage() ? "not in the image" : HexBytes.spaced(a.firstBytes()), "class", "mono")
                        .close("tr");
            }
            h.close("tbody").close("table");
        }
        h.close("section");
    }

    /** The instructions of a few bytes at an address (capstone), "" without it or when they do not decode. */
    private static String code(ScanResult s, byte[] bytes, long address) {
        return org.kpaudit.report.ScanView.code(s, bytes, address, 4);
    }

    private static void kv(Html h, String k, String v) {
        h.el("dt", k).el("dd", v == null ? "" : v, "class", "mono");
    }
}
