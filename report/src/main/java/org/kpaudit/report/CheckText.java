package org.kpaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import org.kpaudit.analyzer.AuditResult;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Severity;

/** The terminal form of a check report: one block per patch and chain, then the findings, then a summary line. */
public final class CheckText {

    private CheckText() {
    }

    /** An absent value as the other text outputs show it. */
    private static String dash(Object v) {
        return v == null || v.toString().isEmpty() ? "-" : v.toString();
    }

    public static void write(AuditResult r, Severity failOn, Writer out) {
        StringBuilder sb = new StringBuilder();
        for (AuditResult.PatchInfo p : r.patches()) {
            sb.append("patch ").append(p.file()).append('\n');
            sb.append("  id ").append(dash(p.id())).append(", build-id ").append(dash(p.buildId())).append(", ")
                    .append(dash(p.arch())).append(", layout ").append(dash(p.layout())).append('\n');
            String status = p.targetStatus().toLowerCase(Locale.ROOT).replace('_', '-');
            sb.append("  target: ").append(status);
            if (p.target() != null) {
                sb.append(" (").append(p.target()).append(", found by ").append(p.targetFoundBy()).append(')');
            } else if (status.equals("not-given") || status.equals("not-found")) {
                sb.append(" (the checks against the binary were skipped: give --target or --sysroot)");
            }
            sb.append('\n');
            sb.append("  changes: ").append(p.changed().isEmpty() ? "-" : String.join(", ",
                    p.changed().stream().map(AuditResult.Function::name).toList())).append('\n');
            if (!p.added().isEmpty()) {
                sb.append("  adds: ").append(String.join(", ", p.added().stream().map(AuditResult.Function::name)
                        .toList())).append('\n');
            }
        }
        for (AuditResult.ChainInfo c : r.chains()) {
            sb.append("chain ").append(c.buildId()).append(" (").append(c.order()).append(")\n");
            for (AuditResult.ChainMember m : c.members()) {
                sb.append("  ").append(m.position()).append(". ").append(dash(m.id()))
                        .append(m.level() == null ? "" : " level " + m.level()).append("  ").append(m.file()).append('\n');
            }
            for (AuditResult.Overlap o : c.overlaps()) {
                sb.append("  overlap: ").append(o.function()).append(" changed by ").append(String.join(", ", o.patches()))
                        .append("; winner ").append(o.winner()).append('\n');
            }
            sb.append("  unpatch order: ").append(String.join(", ", c.unpatchOrder())).append('\n');
        }
        if (!r.findings().isEmpty()) {
            sb.append('\n');
        }
        for (Finding f : r.findings()) {
            sb.append(f.location().file());
            if (f.location().byteOffset() >= 0) {
                sb.append(":0x").append(Long.toHexString(f.location().byteOffset()));
            }
            sb.append(": ").append(f.severity().name().toLowerCase(Locale.ROOT)).append(f.unverified() ? " (unverified)" : "")
                    .append(f.suppressed() != null ? " (suppressed)" : "")
                    .append("unchanged".equals(f.baseline()) ? " (in baseline)" : "new".equals(f.baseline()) ? " (new)"
                            : "absent".equals(f.baseline()) ? " (gone since the baseline)" : "")
                    .append(' ').append(f.checkId())
                    .append(' ').append(rule(r, f.checkId()));
            if (f.location().function() != null) {
                sb.append(" [").append(f.location().function()).append(']');
            }
            sb.append("\n  ").append(f.message()).append('\n');
            if (f.suppressed() != null) {
                sb.append("  suppressed: ").append(f.suppressed()).append('\n');
            }
        }
        long e = r.findings().stream().filter(f -> f.severity() == Severity.ERROR && !"absent".equals(f.baseline())).count();
        long w = r.findings().stream().filter(f -> f.severity() == Severity.WARNING && !"absent".equals(f.baseline())).count();
        long n = r.findings().stream().filter(f -> f.severity() == Severity.NOTE && !"absent".equals(f.baseline())).count();
        sb.append('\n').append(r.patches().size()).append(" patch(es), ").append(e).append(" error(s), ").append(w)
                .append(" warning(s), ").append(n).append(" note(s)");
        sb.append(": ").append(VerdictView.line(r.verdict(failOn))).append(" (fail on ")
                .append(failOn.name().toLowerCase(Locale.ROOT)).append(")\n");
        try {
            out.write(sb.toString());
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String rule(AuditResult r, String id) {
        return r.rules().stream().filter(x -> x.id().equals(id)).map(x -> x.name()).findFirst().orElse("");
    }
}
