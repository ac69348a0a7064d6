package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;

@Rule(id = "KP405", name = "writable-data", severity = Severity.ERROR,
        summary = "The patch brings new writable data (non-zero bytes or relocations in .kpatch.data) and the"
                + " policy forbids it.",
        help = "New variables, string literals and pointer tables of a patch go to .kpatch.data, which the loader"
                + " maps read-write in the target (kpatch-format.md 1.5, 4.2). New writable state survives an unpatch"
                + " only as long as the region, and pointers in it (.rela.kpatch.data) are filled at load time. A"
                + " policy with allow_writable_data: false rejects a patch whose writable sections hold non-zero bytes"
                + " or relocations. Rewrite the fix without new state, or allow it in the policy.")
public final class WritableDataCheck extends PatchCheck {

    private static final int MAX_SCAN = 16 << 20;

    @Override
    public void check(PatchSubject p, Findings out) {
        if (p.policy().allowWritableData()) {
            return;
        }
        ElfFile elf = p.patch().elf();
        for (Section s : elf.sections()) {
            if (!s.hasFileData() || !s.hasFlag(Section.SHF_WRITE) || !s.hasFlag(Section.SHF_ALLOC)) {
                continue;
            }
            long relocs = 0;
            for (RelocationSection rs : elf.relocationSections()) {
                if (rs.target() == s.index()) {
                    relocs += rs.count();
                }
            }
            byte[] b = elf.sectionBytes(s, MAX_SCAN);
            long nonZero = 0;
            for (byte x : b) {
                nonZero += x != 0 ? 1 : 0;
            }
            if (relocs > 0 || nonZero > 0) {
                out.report(p.atElf(s.offset(), s.size()).withSection(s.name()), "Section " + s.name() + " is writable"
                        + " data of " + s.size() + " bytes" + (nonZero > 0 ? " with " + nonZero + " non-zero bytes" : "")
                        + (relocs > 0 ? " and " + relocs + " relocations" : "") + ", and the policy "
                        + p.policy().source() + " has allow_writable_data: false.");
            }
        }
    }
}
