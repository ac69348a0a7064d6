package org.kpaudit.analyzer.upatch;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.UpatchPatch;

/** UP103: the names by string order are not the names by relocation. */
@Rule(id = "UP103", name = "upatch-string-order", severity = Severity.ERROR,
        summary = "The order of .upatch.strings does not match the entries: upatch-manage would pair names wrongly.",
        help = "syscared reads each entry's name through the relocation at +40 of the entry, but upatch-manage (master)"
                + " walks .upatch.strings in order and gives the n-th string to the n-th entry (upatch_info_init(),"
                + " complete_info()). When the two differ, the loader records and reports the wrong function for an"
                + " address, and its stack check and unpatch work on the wrong names. kpaudit reads the names through"
                + " the relocations; rebuild the patch so that .upatch.strings is in entry order. Source:"
                + " upatch-format.md section 3.")
public final class UpatchStringOrderCheck extends UpatchCheck {

    @Override
    public void check(UpatchSubject s, Findings out) {
        List<String> pairs = new ArrayList<>();
        UpatchPatch.UpatchFunction first = null;
        for (UpatchPatch.UpatchFunction f : s.patch().functions()) {
            if (f.name() != null && f.nameByOrder() != null && !f.name().equals(f.nameByOrder())) {
                pairs.add("entry " + f.index() + " is " + f.name() + " but the " + ordinal(f.index() + 1) + " string is "
                        + f.nameByOrder());
                first = first == null ? f : first;
            }
        }
        if (first != null) {
            out.report(s.at(first.fileOffset(), 48).withSection(".upatch.funcs").withFunction(first.name()),
                    "The names of " + s.display() + " by relocation and by string order disagree: "
                            + String.join("; ", pairs) + ". upatch-manage pairs names by order and would record the"
                            + " wrong function for these entries; rebuild the patch.");
        }
    }

    private static String ordinal(int n) {
        return n + (n % 100 / 10 == 1 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        });
    }
}
