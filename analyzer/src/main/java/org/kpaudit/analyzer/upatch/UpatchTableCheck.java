package org.kpaudit.analyzer.upatch;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.Section;

/** UP101: the .upatch.funcs table and its relocations do not add up. */
@Rule(id = "UP101", name = "upatch-table", severity = Severity.ERROR,
        summary = "The .upatch.funcs table is not a whole number of 48-byte entries, or lacks the two relocations of an entry.",
        help = "A SysCare patch lists its functions in .upatch.funcs as 48-byte struct upatch_patch_func entries;"
                + " .rela.upatch.funcs fills new_addr (at +0) and name (at +40) of each, so it holds exactly two"
                + " relocations per entry (upatch-diff upatch_create_patches_sections(); syscared reads the table with"
                + " a fixed 48-byte stride and pairs the relocations two by two). A table of another size, a missing or"
                + " doubled relocation, or a name outside .upatch.strings means the loader patches with a wrong address"
                + " or name. Rebuild the patch with upatch-build. Source: upatch-format.md sections 2-3.")
public final class UpatchTableCheck extends UpatchCheck {

    @Override
    public void check(UpatchSubject s, Findings out) {
        if (s.patch().problems().isEmpty()) {
            return;
        }
        Section t = s.patch().elf().section(".upatch.funcs").orElse(null);
        out.report(t == null ? s.where() : s.at(t.offset(), t.size()).withSection(".upatch.funcs"),
                "The .upatch.funcs table of " + s.display() + " does not add up: "
                        + String.join("; ", s.patch().problems()) + ". The loader would patch functions with wrong"
                        + " addresses or names; rebuild the patch with upatch-build.");
    }
}
