package org.kpaudit.analyzer.scan;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.CheckRegistry;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Findings;

/** Runs every registered scan check over a scan result. */
public final class ScanChecks {

    private ScanChecks() {
    }

    /** The findings of every check with subject {@code scan}, sorted. */
    @SuppressWarnings("unchecked")
    public static List<Finding> run(ScanResult s) {
        List<Finding> out = new ArrayList<>();
        for (Check<?> c : CheckRegistry.all()) {
            if (ScanCheck.SUBJECT.equals(c.rule().subject())) {
                ((Check<ScanResult>) c).check(s, new Findings(c.rule(), out));
            }
        }
        out.sort(Finding.ORDER);
        return out;
    }
}
