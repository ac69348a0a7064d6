package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfHeader;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;

@Rule(id = "KP111", name = "file-layout", severity = Severity.ERROR,
        summary = "Header offsets or sizes are inconsistent: kpatch_offset, total_size, padding, e_shentsize, e_phnum.",
        help = "kpatch_make writes kpatch_offset = rel_offset = sizeof(header) and total_size = sizeof(header) +"
                + " ALIGN(ELF size, 16), padding with zeros (kpatch-format.md 1, 9.1). The loader checks only"
                + " total_size <= file size and then copies total_size - sizeof(header) bytes, assuming the ELF starts"
                + " right after the header (4.1). A file whose sizes disagree is truncated, carries trailing bytes that"
                + " get mapped into the target, or was edited after it was built. Rebuild it with kpatch_make.")
public final class LayoutCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        KpatchFile k = p.patch();
        KpatchHeader h = k.header();
        int hs = h.headerSize();
        int totalAt = totalSizeOffset(h);
        if (h.kpatchOffset() != hs) {
            out.report(p.at(totalAt - 8, 4), "kpatch_offset is " + h.kpatchOffset() + " but the " + h.layout()
                    + " header is " + hs + " bytes. The loader copies the ELF from sizeof(header), not from"
                    + " kpatch_offset, so it would load different bytes than a reader of kpatch_offset sees.");
        }
        if (Long.compareUnsigned(h.totalSize(), k.fileSize()) > 0) {
            out.report(p.at(totalAt, 4), "total_size is " + h.totalSize() + " but the file has " + k.fileSize()
                    + " bytes; the file is truncated and the loader refuses it.");
        } else {
            long expected = h.kpatchOffset() + ((k.elfEnd() + 15) & ~15L);
            if (h.totalSize() != expected) {
                out.report(p.at(totalAt, 4), "total_size is " + h.totalSize() + " but the header plus the embedded ELF"
                        + " (" + k.elfEnd() + " bytes) padded to 16 is " + expected + ". "
                        + (h.totalSize() > expected ? (h.totalSize() - expected) + " extra bytes after the ELF are"
                                + " copied into the target's patch region."
                                : "The loader copies only total_size - sizeof(header) bytes and cuts off the ELF."));
            }
            if (k.paddingLength() > 0 && !k.paddingZero()) {
                out.report(p.at(h.kpatchOffset() + k.elfEnd(), k.paddingLength()), "The " + k.paddingLength()
                        + " padding bytes after the embedded ELF are not all zero; kpatch_make pads with zeros, so"
                        + " the file was changed after it was built (data hidden after the ELF is mapped into the"
                        + " target).");
            }
        }
        if (k.fileSize() > h.totalSize() && Long.compareUnsigned(h.totalSize(), k.fileSize()) <= 0) {
            out.report(p.at(h.totalSize(), k.fileSize() - h.totalSize()), (k.fileSize() - h.totalSize())
                    + " bytes follow total_size (" + h.totalSize() + ") at the end of the file; kpatch_make writes"
                    + " none. Find out who appended them.");
        }
        ElfHeader e = k.elf().header();
        if (e.shentsize() != 64) {
            out.report(p.at(h.kpatchOffset() + 58, 2), "e_shentsize is " + e.shentsize() + "; the loader refuses"
                    + " anything but 64.");
        }
        if (e.programHeaderCount() != 0) {
            out.report(Severity.WARNING, p.at(h.kpatchOffset() + 56, 2), "The embedded ELF has " + e.programHeaderCount()
                    + " program headers; kpatch_strip leaves none (e_phnum 0). It was not made by the LibcarePlus"
                    + " tool chain.");
        }
    }

    /** File offset of total_size in each layout (kpatch-format.md 1.1 to 1.3). */
    static int totalSizeOffset(KpatchHeader h) {
        return switch (h.layout()) {
            case V4, V3 -> 160;
            case V2 -> 176;
            case V1 -> 368;
            case V0 -> 360;
        };
    }
}
