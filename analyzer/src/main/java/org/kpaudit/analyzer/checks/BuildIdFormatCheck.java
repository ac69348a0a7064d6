package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KpatchHeader;

@Rule(id = "KP101", name = "build-id-format", severity = Severity.ERROR,
        summary = "The header build-id is not 40 lowercase hex digits.",
        help = "LibcarePlus matches a patch to a loaded object by comparing the header build-id, as a string, with the"
                + " object's 20-byte GNU build-id printed as 40 lowercase hex digits (kpatch-format.md 1.6,"
                + " lcp:src/kpatch_elf.c elf_object_look_for_buildid()). kpatch_make only logs 'Invalid build id' when"
                + " the -b argument has another length and writes it anyway, so a patch with an empty, short,"
                + " uppercase or otherwise malformed build-id never matches any object. Rebuild the patch with the"
                + " build-id of the original binary (eu-readelf -n / readelf -n, 'Build ID').")
public final class BuildIdFormatCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        KpatchHeader h = p.patch().header();
        String b = h.buildId() == null ? "" : h.buildId();
        if (b.matches("[0-9a-f]{40}")) {
            return;
        }
        String why = b.isEmpty() ? "is empty"
                : b.length() != 40 ? "has " + b.length() + " characters (\"" + b + "\")"
                : "contains characters other than 0-9 and a-f (\"" + b + "\")";
        out.report(p.at(h.buildIdOffset(), h.buildIdField()), "The header build-id " + why + ". LibcarePlus compares it"
                + " as a string with the target's GNU build-id in 40 lowercase hex digits, so this patch can never be"
                + " matched to an object. Rebuild it with kpatch_make -b <build-id of the original binary>.");
    }
}
