package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;

@Rule(id = "KP204", name = "relocation-reach", severity = Severity.ERROR,
        summary = "A PC-relative or 32-bit relocation cannot reach its target from where the patch is loaded.",
        help = "The loader puts the patch region next to the target object (within 2 GiB on x86_64, 128 MiB on"
                + " aarch64) and applies PC32, 32, 32S, CALL26 and JUMP26 without any overflow check"
                + " (kpatch-format.md 3.2, 3.3, 4.2). kpaudit takes the target's loaded image (its PT_LOAD span) and"
                + " the size of the patch region, and reports a relocation whose worst-case distance exceeds"
                + " +-2 GiB (x86_64 PC32 and GOT forms), +-128 MiB (aarch64 CALL26/JUMP26) or +-4 GiB (aarch64 ADRP"
                + " pages), and a 32-bit absolute relocation (R_X86_64_32/32S) whose value cannot fit: always in a"
                + " position-independent target, whose load address is above 4 GiB. The truncated value sends the new"
                + " code to a wrong address. Rebuild the patched code position-independent (-fPIC/-fPIE) or smaller.")
public final class RelocationReachCheck extends PatchCheck {

    private static final long GIB2 = 1L << 31;
    private static final long MIB128 = 1L << 27;
    private static final long GIB4 = 1L << 32;

    @Override
    public void check(PatchSubject p, Findings out) {
        if (!p.hasTarget() || !(p.isX86() || p.isAarch64())) {
            return;
        }
        ElfFile elf = p.patch().elf();
        long[] span = p.target().imageSpan();
        long page = p.isX86() ? 4096 : 65536;
        long region = roundUp(p.patch().header().totalSize() + 16L * (p.patch().imports().size() + 1)
                + 16L * p.patch().infos().size() + 256, page) + 2 * page;
        org.kpaudit.analyzer.FindingGroups groups = new org.kpaudit.analyzer.FindingGroups();
        for (Elf.Reloc rr : Elf.relocations(elf)) {
            Section patched = elf.section(rr.section().target()).orElse(null);
            if (patched == null || !patched.hasFileData() || patched.isNamed(".kpatch.info")) {
                continue;
            }
            long t = rr.type();
            Symbol s = Elf.symbol(elf, rr.r().symbolIndex()).orElse(null);
            if (s == null || rr.r().symbolIndex() == 0) {
                continue;
            }
            Section symSec = s.isDefinedInSection() ? elf.section(s.section()).orElse(null) : null;
            boolean original = symSec != null && !symSec.hasFileData();
            boolean inRegion = s.isUndefined() || symSec != null && symSec.hasFileData();
            long addr = original ? symSec.addr() + (s.type().is("SECTION") ? 0 : s.value()) : 0;
            String sec = rr.section().section().name();
            var where = p.atElf(rr.r().fileOffset(), rr.section().section().entsize()).withSection(sec)
                    .withSymbol(rr.r().symbolName());
            String what = "Relocation " + rr.r().index() + " of " + sec + " (" + Elf.typeName(rr.r().type())
                    + " against " + Elf.describe(s) + ")";
            String item = "relocation " + rr.r().index() + " against " + Elf.describe(s);
            String key = sec + "/" + t + "/";
            if (p.isX86()) {
                if (t == Elf.X_32 || t == Elf.X_32S) {
                    if (p.target().positionIndependent()) {
                        groups.add(key + "abs32", null, where, what + " stores a 32-bit absolute address, but the target "
                                + p.target().path() + " is position-independent (ET_DYN) and is loaded above 4 GiB:"
                                + " the loader truncates the address without a check. Build the patched code with"
                                + " -fPIE.", item);
                        continue;
                    }
                    long value = (inRegion ? span[1] + region : addr) + rr.r().addendOrZero();
                    boolean fits = t == Elf.X_32S ? value >= -GIB2 && value < GIB2 : value >= 0 && value < GIB4;
                    if (!fits) {
                        groups.add(key + "fit", null, where, what + " needs the value " + Elf.hex(value) + " in 32 bits"
                                + (t == Elf.X_32S ? " (sign-extended)" : "") + "; it does not fit and is truncated.",
                                item + " (" + Elf.hex(value) + ")");
                    }
                } else if (original && (t == Elf.X_PC32 || t == Elf.X_GOTPCREL || t == Elf.X_GOTPCRELX
                        || t == Elf.X_REX_GOTPCRELX)) {
                    reach(groups, key, item, where, what, addr, span, region, GIB2, "2 GiB");
                } else if (t == Elf.X_GOTTPOFF && !s.isUndefined()) {
                    reach(groups, key, item, where, what, rr.r().addendOrZero(), span, region, GIB2, "2 GiB");
                }
            } else if (original) {
                if (t == Elf.A_CALL26 || t == Elf.A_JUMP26) {
                    reach(groups, key, item, where, what, addr, span, region, MIB128, "128 MiB");
                } else if (t == Elf.A_ADR_PREL_PG_HI21 || t == Elf.A_ADR_GOT_PAGE) {
                    reach(groups, key, item, where, what, addr, span, region, GIB4, "4 GiB");
                }
            }
        }
        groups.flush(out, "relocation(s) of that type in the section with the same defect");
    }

    private static void reach(org.kpaudit.analyzer.FindingGroups out, String key, String item, org.kpaudit.analyzer.Location where, String what,
            long addr, long[] span, long region, long range, String rangeText) {
        long lo = span[0];
        long hi = span[1];
        if (Long.compareUnsigned(addr, lo) < 0 || Long.compareUnsigned(addr, hi) > 0) {
            out.add(key + "outside", null, where, what + " refers to address " + Elf.hex(addr) + ", outside the target's"
                    + " loaded image [" + Elf.hex(lo) + ", " + Elf.hex(hi) + "); the relocated instruction points into"
                    + " unmapped memory.", item + " (" + Elf.hex(addr) + ")");
            return;
        }
        long worst = Math.max(addr - lo, hi - addr) + region;
        if (worst >= range) {
            out.add(key + "far", null, where, what + " refers to " + Elf.hex(addr) + " in a target image of " + (hi - lo)
                    + " bytes; with a patch region of " + region + " bytes placed beside the image, the distance can"
                    + " reach " + worst + " bytes, more than the " + rangeText + " the instruction can encode. The loader"
                    + " does not check, so the displacement would wrap.", item + " (" + Elf.hex(addr) + ")");
        }
    }

    private static long roundUp(long v, long a) {
        return (v + a - 1) / a * a;
    }
}
