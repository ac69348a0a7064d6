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
 * JUnit XML (the Ant/Surefire dialect CI servers read): one testsuite per patch and per chain,
 * one testcase per check; a testcase fails when the check found something at or above the
 * failure threshold, and lists lower findings as system-out. Tool errors are an extra
 * {@code kpaudit.inputs} suite with one errored testcase each.
 */
public final class JUnitWriter {

    private JUnitWriter() {
    }

    public static void write(AuditResult r, Severity failOn, Writer out) {
        try {
            StringBuilder sb = new StringBuilder();
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            int tests = 0;
            int failures = 0;
            StringBuilder suites = new StringBuilder();
            List<RuleInfo> patchRules = r.rules().stream().filter(x -> x.subject().equals("patch")).toList();
            List<RuleInfo> chainRules = r.rules().stream().filter(x -> x.subject().equals("chain")).toList();
            for (AuditResult.PatchInfo p : r.patches()) {
                String suite = p.file();
                int[] tf = suite(suites, suite, p.id(), patchRules, r.findings().stream()
                        .filter(f -> f.location().file().equals(p.file())).toList(), failOn, false);
                tests += tf[0];
                failures += tf[1];
            }
            for (AuditResult.ChainInfo c : r.chains()) {
                int[] tf = suite(suites, "chain " + c.buildId(), c.buildId(), chainRules, r.findings().stream()
                        .filter(f -> chainRules.stream().anyMatch(x -> x.id().equals(f.checkId()))
                                && c.members().stream().anyMatch(m -> m.file().equals(f.location().file())))
                        .toList(), failOn, true);
                tests += tf[0];
                failures += tf[1];
            }
            int errors = r.notifications().size();
            if (errors > 0) {
                suites.append("  <testsuite name=\"kpaudit.inputs\" tests=\"").append(errors)
                        .append("\" failures=\"0\" errors=\"").append(errors).append("\" skipped=\"0\">\n");
                for (Notification n : r.notifications()) {
                    suites.append("    <testcase classname=\"kpaudit.inputs\" name=\"").append(esc(n.file()))
                            .append("\">\n      <error message=\"").append(esc(n.message())).append("\" type=\"")
                            .append(n.ruleId() == null ? "unreadable-input" : "check-failed").append("\"/>\n")
                            .append("    </testcase>\n");
                }
                suites.append("  </testsuite>\n");
                tests += errors;
            }
            sb.append("<testsuites name=\"kpaudit check\" tests=\"").append(tests).append("\" failures=\"")
                    .append(failures).append("\" errors=\"").append(errors).append("\">\n");
            sb.append(suites);
            sb.append("</testsuites>\n");
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] suite(StringBuilder sb, String name, String label, List<RuleInfo> rules,
            List<Finding> findings, Severity failOn, boolean chain) {
        int failures = 0;
        int skipped = 0;
        StringBuilder cases = new StringBuilder();
        for (RuleInfo ri : rules) {
            List<Finding> mine = findings.stream().filter(f -> f.checkId().equals(ri.id())).toList();
            List<Finding> failing = mine.stream().filter(f -> f.severity().atLeast(failOn)).toList();
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
            List<Finding> rest = mine.stream().filter(f -> !f.severity().atLeast(failOn)).toList();
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
        sb.append("    <properties>\n      <property name=\"").append(chain ? "build-id" : "patch-id")
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
