package org.kpaudit.analyzer.checks;

import java.util.List;
import java.util.Objects;
import org.kpaudit.analyzer.ChainSubject;
import org.kpaudit.analyzer.Chains;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;

@Rule(id = "KC504", name = "level-gap", severity = Severity.WARNING,
        summary = "Storage levels of a chain have gaps or repeats, or 'latest' does not name the highest level.",
        help = "In a storage directory the patches of one build-id live in <bid>/<level>/kpatch.bin and the"
                + " symbolic link <bid>/latest names the level libcare-ctl loads (kpatch-format.md 5, 8). A missing"
                + " level usually means a patch of the series was lost; a 'latest' that is not the highest level"
                + " loads an older patch than the newest one stored. Renumber the levels or fix the link.")
public final class LevelGapCheck extends ChainCheck {

    @Override
    public void check(ChainSubject c, Findings out) {
        if (!Chains.byLevel(c)) {
            return;
        }
        List<Integer> levels = c.members().stream().map(m -> Chains.level(m, c.latest())).filter(Objects::nonNull)
                .toList();
        for (int i = 1; i < c.members().size(); i++) {
            PatchSubject p = c.members().get(i);
            int prev = levels.get(i - 1);
            int cur = levels.get(i);
            if (cur == prev && c.members().get(i).name().level() != null
                    && c.members().get(i - 1).name().level() != null) {
                out.report(p.where(), "Level " + cur + " of " + c.buildId() + " appears twice (" + c.members()
                        .get(i - 1).display() + " and " + p.display() + ").");
            } else if (cur > prev + 1) {
                out.report(p.where(), "The levels of " + c.buildId() + " jump from " + prev + " to " + cur
                        + ": level" + (cur - prev > 2 ? "s " + (prev + 1) + "-" + (cur - 1) : " " + (prev + 1))
                        + " is missing. A patch of the series may have been lost.");
            }
        }
        int max = levels.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (c.latest() != null) {
            if (!c.latest().matches("[0-9]{1,9}")) {
                out.report(c.where(), "The 'latest' link of " + c.buildId() + " points to '" + c.latest()
                        + "', not to a level number; libcare-ctl reads the level with atoi() and gets 0.");
            } else if (Integer.parseInt(c.latest()) != max) {
                out.report(c.where(), "The 'latest' link of " + c.buildId() + " names level " + c.latest() + ", but the"
                        + " highest stored level is " + max + ": libcare-ctl would load level " + c.latest() + ".");
            }
        }
    }
}
