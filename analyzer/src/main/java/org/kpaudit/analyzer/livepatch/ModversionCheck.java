package org.kpaudit.analyzer.livepatch;

import java.util.Optional;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.model.KernelSymbols;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.ModuleVersion;

/** __versions CRCs against the CRCs of a target Module.symvers. */
@Rule(id = "KL115", name = "modversion-mismatch", severity = Severity.ERROR,
        summary = "A symbol CRC in the module's __versions differs from the target's Module.symvers.",
        help = "With CONFIG_MODVERSIONS every module records, in __versions, the CRC of each exported symbol it uses"
                + " as the kernel it was built against exported it; the module loader compares them with the running"
                + " kernel's CRCs and refuses the module with \"disagrees about version of symbol %s\" when one"
                + " differs (the symbol's type or the kernel's ABI changed). kpatch-build stops with \"Patch module"
                + " referencing altered exported kernel symbols cannot be loaded\" for the same reason. Rebuild the"
                + " patch against the target kernel's headers and Module.symvers. Needs the target's Module.symvers"
                + " given with --target (the only list with CRCs); CRCs are 32-bit. Source: klp-format.md sections 2.3"
                + " and 4.2.")
public final class ModversionCheck extends ModuleCheck {

    @Override
    public void check(LivepatchSubject s, Findings out) {
        LivepatchModule m = s.module();
        for (ModuleVersion v : m.versions()) {
            Optional<KernelSymbols.Export> e = s.export(v.name());
            if (e.isEmpty() || e.get().crc() == null) {
                continue;
            }
            long mine = v.crc() & 0xffffffffL;
            long theirs = e.get().crc() & 0xffffffffL;
            if (mine != theirs) {
                out.report(s.at(v.fileOffset(), 64).withSection("__versions").withSymbol(v.name()), "The module was"
                        + " built against " + v.name() + " with CRC 0x" + String.format("%08x", mine) + ", but the"
                        + " target exports it with CRC 0x" + String.format("%08x", theirs) + ": the module loader refuses"
                        + " the module with \"disagrees about version of symbol " + v.name() + "\". Rebuild the patch"
                        + " against this kernel's headers and Module.symvers.");
            }
        }
    }
}
