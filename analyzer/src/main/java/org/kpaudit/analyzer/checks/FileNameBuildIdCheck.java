package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.FileNameFacts;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KpatchHeader;

@Rule(id = "KP103", name = "file-name-build-id", severity = Severity.ERROR,
        summary = "The file name (<bid>.kpatch or <bid>/<level>/kpatch.bin) names another build-id than the header.",
        help = "In a storage directory LibcarePlus finds a patch by file name only (<dir>/<bid>/latest/kpatch.bin, then"
                + " <dir>/<bid>.kpatch) and never compares the header build-id with the object's (kpatch-format.md"
                + " 1.6 and 8, lcp:src/kpatch_storage.c). A file whose name and header disagree is applied to the"
                + " object its name matches, but afterwards it is associated by its header build-id, so 'info' does"
                + " not list it and 'unpatch' cannot remove it. Rename the file after the header's build-id, or"
                + " rebuild the patch.")
public final class FileNameBuildIdCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        FileNameFacts n = p.name();
        if (n.buildIdFromName() == null) {
            return;
        }
        KpatchHeader h = p.patch().header();
        if (n.buildIdFromName().equals(h.buildId())) {
            return;
        }
        String how = n.layout() == FileNameFacts.Layout.FLAT ? "is named " + n.fileName()
                : "is stored under the build-id directory " + n.buildIdFromName();
        out.report(p.at(h.buildIdOffset(), h.buildIdField()), "The file " + how + ", but its header build-id is "
                + (h.buildId() == null || h.buildId().isEmpty() ? "empty" : h.buildId()) + ". LibcarePlus would apply"
                + " it to the object the name matches and then lose track of it: 'libcare-ctl info' would not show it"
                + " and 'unpatch' could not remove it. Rename the file after the header build-id (or rebuild it for the"
                + " object it is named after).");
    }
}
