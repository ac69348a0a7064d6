package org.kpaudit.analyzer.checks;

import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.ElfHeader;

@Rule(id = "KP110", name = "elf-class-machine", severity = Severity.ERROR,
        summary = "The embedded ELF is not a 64-bit little-endian ET_REL object for a LibcarePlus machine, or its"
                + " machine or class differs from the target's.",
        help = "kpatch_strip leaves an ELFCLASS64 ET_REL object whose e_machine is the build machine's (62 x86_64,"
                + " 183 aarch64; 243 riscv64 and 258 loongarch64 in libcareplus) (kpatch-format.md 1.5, 9.2). The"
                + " loader checks only e_type and e_shentsize, not EI_CLASS, EI_DATA or e_machine (4.1), so a patch"
                + " for another architecture would be relocated with the wrong rules and its code run on the wrong"
                + " processor. Build the patch on the target's architecture.")
public final class ElfKindCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        ElfHeader h = p.patch().elf().header();
        long base = p.patch().header().kpatchOffset();
        if (h.elfClass() != 64) {
            out.report(p.at(base + 4, 1), "The embedded ELF is ELFCLASS" + h.elfClass() + "; LibcarePlus reads patches"
                    + " as ELFCLASS64 only. Rebuild the patch with a 64-bit tool chain.");
        }
        if (h.endian() != org.kpaudit.model.Endian.LITTLE) {
            out.report(p.at(base + 5, 1), "The embedded ELF is big-endian; LibcarePlus runs on little-endian"
                    + " x86_64 and aarch64 only and reads it as little-endian.");
        }
        if (!h.type().is("REL")) {
            out.report(p.at(base + 16, 2), "The embedded ELF has e_type " + name(h.type()) + "; the loader requires"
                    + " ET_REL (kpatch_strip --undo-link sets it) and refuses anything else.");
        }
        long m = h.machine().value();
        if (m != 62 && m != 183 && m != 243 && m != 258) {
            out.report(p.at(base + 18, 2), "The embedded ELF is for machine " + name(h.machine()) + " ("
                    + m + "), which LibcarePlus does not support (x86_64, aarch64, riscv64, loongarch64).");
        }
        if (p.hasTarget()) {
            ElfHeader t = p.target().elf().header();
            if (t.machine().value() != m) {
                out.report(p.at(base + 18, 2), "The patch is for machine " + name(h.machine()) + " but the target "
                        + p.target().path() + " is " + name(t.machine()) + ". The loader does not compare them; the"
                        + " patch code cannot run there. Build the patch for the target's architecture.");
            }
            if (t.elfClass() != h.elfClass()) {
                out.report(p.at(base + 4, 1), "The patch is ELFCLASS" + h.elfClass() + " but the target is ELFCLASS"
                        + t.elfClass() + ".");
            }
        }
    }

    private static String name(org.kpaudit.model.Code c) {
        return c.name() != null ? c.name() : String.valueOf(c.value());
    }
}
