package org.kpaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Notification;
import org.kpaudit.analyzer.RuleInfo;
import org.kpaudit.analyzer.Severity;

/**
 * JUnit XML (the Ant/Surefire dialect CI servers read): one testsuite per subject (a patch, a
 * chain, a core, a livepatch module), one testcase per check; a testcase fails when the check found
 * something at or above the failure threshold, is skipped when it could only say what it could not
 * verify, and lists lower findings as system-out. Tool errors are an extra {@code kpaudit.inputs}
 * suite with one errored testcase each.
 */
public final class JUnitWriter {

    private JUnitWriter() {
    }

    /**
     * One testsuite: a subject (a patch, a chain, a core, a module) with one testcase per rule.
     *
     * @param name the suite's name (the file, or "chain <build-id>")
     * @param property the name of its one property ({@code patch-id}, {@code build-id}, ...)
     * @param label the property's value
     * @param rules the rules that ran on the subject, one testcase each
     * @param findings the subject's findings
     */
    public record Suite(String name, String property, String label, List<RuleInfo> rules, List<Finding> findings) {
    }

    public static void write(AuditResult r, Severity failOn, Writer out) {
        write("kpaudit check", suites(r), r.notifications(), failOn, out);
    }

    /** The suites of a check run: one per patch, one per chain. */
    public static List<Suite> suites(AuditResult r) {
        List<Suite> out = new java.util.ArrayList<>();
        List<RuleInfo> patchRules = r.rules().stream().filter(x -> x.subject().equals("patch")).toList();
        List<RuleInfo> chainRules = r.rules().stream().filter(x -> x.subject().equals("chain")).toList();
        for (AuditResult.PatchInfo p : r.patches()) {
            out.add(new Suite(p.file(), "patch-id", p.id(), patchRules, r.findings().stream()
                    .filter(f -> f.location().file().equals(p.file())
                            && patchRules.stream().anyMatch(x -> x.id().equals(f.checkId()))).toList()));
        }
        for (AuditResult.ChainInfo c : r.chains()) {
            out.add(new Suite("chain " + c.buildId(), "build-id", c.buildId(), chainRules, r.findings().stream()
                    .filter(f -> chainRules.stream().anyMatch(x -> x.id().equals(f.checkId()))
                            && c.members().stream().anyMatch(m -> m.file().equals(f.location().file())))
                    .toList()));
        }
        return out;
    }

    /** The suites of a scan: one per core or process, with the scan checks. */
    public static List<Suite> scanSuites(List<org.kpaudit.analyzer.scan.ScanResult> scans, List<Finding> findings,
            List<RuleInfo> rules) {
        List<RuleInfo> scanRules = rules.stream().filter(x -> x.id().startsWith("SC")).toList();
        List<Suite> out = new java.util.ArrayList<>();
        for (org.kpaudit.analyzer.scan.ScanResult s : scans) {
            out.add(new Suite(s.input(), "process", s.processName(), scanRules,
                    findings.stream().filter(f -> f.location().file().equals(s.input())
                            && f.checkId().startsWith("SC")).toList()));
        }
        return out;
    }

    /** The suites of a livepatch chain: one per module with the module checks, one for the chain. */
    public static List<Suite> livepatchSuites(org.kpaudit.analyzer.livepatch.LivepatchAnalyzer.Report r) {
        List<RuleInfo> moduleRules = r.rules().stream().filter(x -> x.subject().equals("livepatch-module")).toList();
        List<RuleInfo> chainRules = r.rules().stream().filter(x -> x.subject().equals("livepatch-chain")).toList();
        List<Suite> out = new java.util.ArrayList<>();
        for (org.kpaudit.model.LivepatchModule m : r.modules()) {
            out.add(new Suite(m.path(), "patch", m.displayName(), moduleRules, r.findings().stream()
                    .filter(f -> f.location().file().equals(m.path())
                            && moduleRules.stream().anyMatch(x -> x.id().equals(f.checkId()))).toList()));
        }
        if (r.modules().size() > 1) {
            out.add(new Suite("chain", "modules", Integer.toString(r.modules().size()), chainRules,
                    r.findings().stream().filter(f -> chainRules.stream().anyMatch(x -> x.id().equals(f.checkId())))
                            .toList()));
        }
        return out;
    }

    /**
     * Writes the suites, and the tool errors as an extra {@code kpaudit.inputs} suite with one
     * errored testcase each, under {@code <testsuites name="...">}.
     */
    public static void write(String name, List<Suite> list, List<Notification> notes, Severity failOn, Writer out) {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            int tests = 0;
            int failures = 0;
            StringBuilder suites = new StringBuilder();
            for (Suite s : list) {
                int[] tf = suite(suites, s.name(), s.label(), s.property(), s.rules(), s.findings(), failOn);
                tests += tf[0];
                failures += tf[1];
            }
            List<Notification> errorsOnly = notes.stream().filter(n -> !"warning".equals(n.level())).toList();
            int errors = errorsOnly.size();
            if (errors > 0) {
                suites.append("  <testsuite name=\"kpaudit.inputs\" tests=\"").append(errors)
                        .append("\" failures=\"0\" errors=\"").append(errors).append("\" skipped=\"0\">\n");
                for (Notification n : errorsOnly) {
                    suites.append("    <testcase classname=\"kpaudit.inputs\" name=\"").append(esc(n.file()))
                            .append("\">\n      <error message=\"").append(esc(n.message())).append("\" type=\"")
                            .append(n.ruleId() == null ? "unreadable-input" : "check-failed").append("\"/>\n")
                            .append("    </testcase>\n");
                }
                suites.append("  </testsuite>\n");
                tests += errors;
            }
            sb.append("<testsuites name=\"").append(esc(name)).append("\" tests=\"").append(tests)
                    .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors).append("\">\n");
            sb.append(suites);
            sb.append("</testsuites>\n");
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] suite(StringBuilder sb, String name, String label, String property, List<RuleInfo> rules,
            List<Finding> findings, Severity failOn) {
        int failures = 0;
        int skipped = 0;
        StringBuilder cases = new StringBuilder();
        for (RuleInfo ri : rules) {
            List<Finding> mine = findings.stream().filter(f -> f.checkId().equals(ri.id())).toList();
            List<Finding> failing = mine.stream().filter(f -> f.counts() && f.severity().atLeast(failOn)).toList();
            cases.append("    <testcase classname=\"").append(esc(name)).append("\" name=\"").append(ri.id())
                    .append(' ').append(esc(ri.name())).append("\"");
            if (mine.isEmpty()) {
                cases.append("/>\n");
                continue;
            }
            cases.append(">\n");
            List<Finding> open = mine.stream().filter(f -> f.unverified() && !f.severity().atLeast(failOn)).toList();
            if (failing.isEmpty() && !open.isEmpty()) {
                skipped++;
                cases.append("      <skipped message=\"").append(esc("not verified: " + open.get(0).message()))
                        .append("\"/>\n");
            }
            if (!failing.isEmpty()) {
                failures++;
                cases.append("      <failure message=\"").append(esc(failing.get(0).message())).append("\" type=\"")
                        .append(failing.get(0).severity().name().toLowerCase(java.util.Locale.ROOT)).append("\">");
                for (Finding f : failing) {
                    cases.append(esc(line(f))).append('\n');
                }
                cases.append("</failure>\n");
            }
            List<Finding> rest = mine.stream().filter(f -> !f.counts() || !f.severity().atLeast(failOn)).toList();
            if (!rest.isEmpty()) {
                cases.append("      <system-out>");
                for (Finding f : rest) {
                    cases.append(esc(line(f))).append('\n');
                }
                cases.append("</system-out>\n");
            }
            cases.append("    </testcase>\n");
        }
        sb.append("  <testsuite name=\"").append(esc(name)).append("\" tests=\"").append(rules.size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped)
                .append("\">\n");
        sb.append("    <properties>\n      <property name=\"").append(esc(property))
                .append("\" value=\"").append(esc(label == null ? "" : label)).append("\"/>\n    </properties>\n");
        sb.append(cases);
        sb.append("  </testsuite>\n");
        return new int[] {rules.size(), failures, skipped};
    }

    private static String line(Finding f) {
        String off = f.location().byteOffset() >= 0 ? " offset " + Values.hex(f.location().byteOffset()) : "";
        return f.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + f.checkId() + " " + f.location().file()
                + off + (f.location().function() == null ? "" : " " + f.location().function()) + ": " + f.message();
    }

    /** XML attribute/text escaping; characters XML 1.0 cannot carry become U+FFFD. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xfffe || c == 0xffff) {
                        sb.append('\ufffd');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
