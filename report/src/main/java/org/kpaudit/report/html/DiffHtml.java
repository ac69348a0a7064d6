package org.kpaudit.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.diff.AuditDiff;
import org.kpaudit.analyzer.diff.PatchDiff;

/** {@code kpaudit diff --format html}: the differences as one self-contained page. */
public final class DiffHtml {

    private DiffHtml() {
    }

    public static void write(AuditDiff d, String version, Writer w) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n").open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8");
        h.empty("meta", "http-equiv", "Content-Security-Policy", "content",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        h.el("title", "kpaudit diff").open("style").raw(css()).close("style").close("head").open("body");
        h.open("header").el("h1", "kpaudit diff");
        h.open("dl", "class", "kv").el("dt", "old").el("dd", d.oldInput(), "class", "mono").el("dt", "new")
                .el("dd", d.newInput(), "class", "mono").close("dl");
        h.open("p").el("span", d.isEmpty() ? "IDENTICAL" : "DIFFERENT", "class", "verdict " + (d.isEmpty() ? "pass" : "warn"),
                "id", "verdict").text(" " + d.newFindings().size() + " new findings, " + d.resolvedFindings().size()
                + " resolved.").close("p").close("header");
        h.open("main");
        list(h, "Patches added", "added", d.added());
        list(h, "Patches removed", "removed", d.removed());
        for (PatchDiff p : d.patches()) {
            h.open("section", "class", "patch-diff");
            h.el("h2", "Patch " + p.oldPatch() + " \u2192 " + p.newPatch());
            changes(h, "Header", p.header());
            if (!p.functions().isEmpty()) {
                h.el("h3", "Functions");
                h.open("table", "class", "functions").open("thead").open("tr").el("th", "function").el("th", "change")
                        .el("th", "kind").el("th", "details").close("tr").close("thead").open("tbody");
                for (PatchDiff.FunctionChange f : p.functions()) {
                    h.open("tr").el("td", f.function(), "class", "mono").el("td", f.change().name().toLowerCase())
                            .el("td", f.kind().toLowerCase()).el("td", String.join("; ", f.details())).close("tr");
                }
                h.close("tbody").close("table");
            }
            if (!p.imports().isEmpty()) {
                h.el("h3", "Imports");
                h.open("table", "class", "imports").open("tbody");
                for (PatchDiff.ImportChange i : p.imports()) {
                    h.open("tr").el("td", i.name() + (i.version() == null ? "" : "@" + i.version()), "class", "mono")
                            .el("td", i.change().name().toLowerCase()).close("tr");
                }
                h.close("tbody").close("table");
            }
            changes(h, "Relocations by type", p.relocations());
            if (p.isEmpty()) {
                h.el("p", "No difference.", "class", "ok");
            }
            h.close("section");
        }
        for (AuditDiff.ChainChange c : d.chains()) {
            h.open("section", "class", "chain-diff").el("h2", "Chain " + c.buildId() + ": winning patch per function");
            changes(h, null, c.winners());
            h.close("section");
        }
        findings(h, "New findings", "new-findings", d.newFindings());
        findings(h, "Resolved findings", "resolved-findings", d.resolvedFindings());
        h.close("main").open("footer").text("kpaudit " + version).close("footer").close("body").close("html").nl();
        try {
            w.write(h.toString());
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void list(Html h, String title, String cls, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        h.el("h2", title).open("ul", "class", cls);
        for (String i : items) {
            h.el("li", i, "class", "mono");
        }
        h.close("ul");
    }

    private static void changes(Html h, String title, List<PatchDiff.FieldChange> cs) {
        if (cs.isEmpty()) {
            return;
        }
        if (title != null) {
            h.el("h3", title);
        }
        h.open("table", "class", "changes").open("thead").open("tr").el("th", "").el("th", "old").el("th", "new")
                .close("tr").close("thead").open("tbody");
        for (PatchDiff.FieldChange c : cs) {
            h.open("tr").el("td", c.field(), "class", "mono").el("td", c.oldValue() == null ? "\u2014" : c.oldValue(), "class", "mono")
                    .el("td", c.newValue() == null ? "\u2014" : c.newValue(), "class", "mono").close("tr");
        }
        h.close("tbody").close("table");
    }

    private static void findings(Html h, String title, String id, List<Finding> fs) {
        h.open("section", "id", id).el("h2", title + " (" + fs.size() + ")");
        if (!fs.isEmpty()) {
            h.open("table", "class", "findings").open("tbody");
            for (Finding f : fs) {
                h.open("tr", "class", "finding", "data-check", f.checkId())
                        .open("td").el("span", f.severity().name(), "class", "sev " + f.severity().name()).close("td")
                        .el("td", f.checkId(), "class", "mono").el("td", f.message())
                        .el("td", f.location().file(), "class", "mono").close("tr");
            }
            h.close("tbody").close("table");
        }
        h.close("section");
    }

    private static String css() {
        try (InputStream in = DiffHtml.class.getResourceAsStream("report.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
