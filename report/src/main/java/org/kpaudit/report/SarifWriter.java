package org.kpaudit.report;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Location;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.RuleInfo;

/**
 * SARIF 2.1.0 (OASIS, sarif-v2.1.0-errata01): one run, the rule catalogue in
 * {@code tool.driver.rules}, each finding a result with ruleId/ruleIndex, level, message, a
 * physical location (artifact URI + byte region) and logical locations (function, section,
 * patch); unreadable inputs and crashed checks as {@code toolExecutionNotifications}.
 */
public final class SarifWriter {

    public static final String SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
            + "sarif-schema-2.1.0.json";

    private SarifWriter() {
    }

    public static Map<String, Object> tree(AuditResult r, String toolVersion) {
        return tree(r, toolVersion, r.verdict(org.kpaudit.analyzer.Severity.ERROR));
    }

    /**
     * @param verdict the run's verdict, kept in {@code runs[0].properties} (with the counts of
     *     unverified results and tool errors); unverified findings are results of kind
     *     {@code open} ("the tool was unable to determine whether the rule was met", SARIF 2.1.0
     *     3.27.9), whose level is then {@code none} (3.27.10) with kpaudit's severity in the
     *     result's properties
     */
    public static Map<String, Object> tree(AuditResult r, String toolVersion, org.kpaudit.analyzer.Verdict verdict) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA_URI);
        root.put("version", "2.1.0");
        Map<String, Object> run = new LinkedHashMap<>();
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "kpaudit");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/kpaudit/kpaudit");
        List<Object> rules = new ArrayList<>();
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (RuleInfo ri : r.rules()) {
            ruleIndex.put(ri.id(), rules.size());
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", ri.id());
            rule.put("name", ri.name());
            rule.put("shortDescription", Map.of("text", ri.summary()));
            rule.put("fullDescription", Map.of("text", ri.help()));
            rule.put("help", Map.of("text", ri.help()));
            rule.put("defaultConfiguration", Map.of("level", ri.severity().sarifLevel()));
            rule.put("properties", Map.of("subject", ri.subject()));
            rules.add(rule);
        }
        driver.put("rules", rules);
        run.put("tool", Map.of("driver", driver));
        Map<String, Object> inv = new LinkedHashMap<>();
        inv.put("executionSuccessful", !r.hasErrors());
        List<Object> notes = new ArrayList<>();
        for (Notification n : r.notifications()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", n.level());
            m.put("message", Map.of("text", n.message()));
            Map<String, Object> phys = new LinkedHashMap<>();
            phys.put("artifactLocation", Map.of("uri", uri(n.file())));
            if (n.offset() >= 0) {
                phys.put("region", Map.of("byteOffset", n.offset()));
            }
            m.put("locations", List.of(Map.of("physicalLocation", phys)));
            if (n.ruleId() != null) {
                Map<String, Object> rule = new LinkedHashMap<>(); // two keys: Map.of would order them at random
                rule.put("id", n.ruleId());
                rule.put("index", ruleIndex.getOrDefault(n.ruleId(), -1));
                m.put("associatedRule", rule);
            }
            notes.add(m);
        }
        inv.put("toolExecutionNotifications", notes);
        run.put("invocations", List.of(inv));
        List<Object> results = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("ruleId", f.checkId());
            if (ruleIndex.containsKey(f.checkId())) {
                res.put("ruleIndex", ruleIndex.get(f.checkId()));
            }
            if (f.unverified()) {
                res.put("kind", f.kind().sarifKind());
                res.put("level", "none");
            } else {
                res.put("level", f.severity().sarifLevel());
            }
            res.put("message", Map.of("text", f.message()));
            res.put("locations", List.of(location(f.location())));
            if (f.unverified()) {
                res.put("properties", Map.of("severity", f.severity().sarifLevel()));
            }
            // SARIF 2.1.0 3.27.23 suppressions (kind external: the policy file), 3.27.24 baselineState
            if (f.suppressed() != null) {
                res.put("suppressions", List.of(Map.of("kind", "external", "justification", f.suppressed())));
            }
            if (f.baseline() != null) {
                res.put("baselineState", f.baseline());
            }
            res.put("partialFingerprints", Map.of("kpaudit/v1", f.fingerprint()));
            results.add(res);
        }
        run.put("results", results);
        run.put("columnKind", "unicodeCodePoints");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("verdict", verdict.status().name());
        props.put("unverified", verdict.unverified());
        props.put("toolErrors", verdict.toolErrors());
        run.put("properties", props);
        root.put("runs", List.of(run));
        return root;
    }

    private static Map<String, Object> location(Location l) {
        Map<String, Object> loc = new LinkedHashMap<>();
        Map<String, Object> phys = new LinkedHashMap<>();
        phys.put("artifactLocation", Map.of("uri", uri(l.file())));
        if (l.byteOffset() >= 0) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("byteOffset", l.byteOffset());
            if (l.byteLength() > 0) {
                region.put("byteLength", l.byteLength());
            }
            phys.put("region", region);
        }
        loc.put("physicalLocation", phys);
        List<Object> logical = new ArrayList<>();
        if (l.function() != null) {
            logical.add(logical(l.function(), "function"));
        }
        if (l.symbol() != null && !l.symbol().equals(l.function())) {
            logical.add(logical(l.symbol(), "variable"));
        }
        if (l.section() != null) {
            logical.add(logical(l.section(), "section"));
        }
        if (l.patch() != null) {
            logical.add(logical(l.patch(), "module"));
        }
        if (l.object() != null) {
            logical.add(logical(l.object(), "module"));
        }
        if (!logical.isEmpty()) {
            loc.put("logicalLocations", logical);
        }
        return loc;
    }

    private static Map<String, Object> logical(String name, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        return m;
    }

    /** A relative or absolute path as a URI reference: unreserved and path characters kept, the rest %-encoded. */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        String s = sb.toString();
        // a first segment with a colon would read as a scheme
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        if (colon >= 0 && (slash < 0 || colon < slash)) {
            s = "./" + s;
        }
        return s;
    }

    public static void write(AuditResult r, String toolVersion, Writer out) {
        TreeWriter.write(tree(r, toolVersion), OutputFormat.JSON, out);
    }

    public static void write(AuditResult r, String toolVersion, org.kpaudit.analyzer.Verdict verdict, Writer out) {
        TreeWriter.write(tree(r, toolVersion, verdict), OutputFormat.JSON, out);
    }
}
