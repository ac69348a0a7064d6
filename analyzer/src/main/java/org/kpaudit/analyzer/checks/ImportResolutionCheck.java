package org.kpaudit.analyzer.checks;

import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Rule;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.analyzer.TargetSet;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

@Rule(id = "KP203", name = "unresolved-import", severity = Severity.ERROR,
        summary = "An import of the patch is not exported, with a compatible type and version, by the target's"
                + " shared libraries.",
        help = "Every undefined GLOBAL symbol of a patch (named name@version by the tool chain) is looked up at load"
                + " time, with the version stripped, in the .dynsym of the shared libraries mapped in the process;"
                + " executables (objects with PT_INTERP) are not searched (kpatch-format.md 3.4). A missing symbol"
                + " fails the patch ('Failed to resolve undefined symbol'); a function found as data (or the reverse)"
                + " is called or read as the wrong thing; another version than the one the patch was built against"
                + " may behave differently, and the loader binds to whichever definition it finds first. kpaudit"
                + " resolves imports in the target (when it is a library) and its DT_NEEDED libraries, found through"
                + " RUNPATH/RPATH ($ORIGIN) and --sysroot. Build the patch against the libraries the target really"
                + " uses.")
public final class ImportResolutionCheck extends PatchCheck {

    @Override
    public void check(PatchSubject p, Findings out) {
        if (!p.hasTarget()) {
            return;
        }
        ElfFile elf = p.patch().elf();
        long symtabOff = elf.symbolTableSection(SymbolTableKind.SYMTAB).map(Section::offset).orElse(0L);
        TargetSet t = p.target();
        List<TargetSet.Library> libs = t.libraries();
        List<String> missingLibs = libs.stream().filter(l -> !l.found()).map(TargetSet.Library::name).toList();
        List<String> unchecked = new ArrayList<>();
        org.kpaudit.analyzer.FindingGroups groups = new org.kpaudit.analyzer.FindingGroups();
        for (KpatchImport imp : p.patch().imports()) {
            if (imp.type().is("TLS")) {
                continue;
            }
            var where = p.atElf(symtabOff + 24L * imp.symbolIndex(), 24).withSymbol(imp.rawName());
            List<Symbol> found = new ArrayList<>();
            String foundIn = null;
            if (!t.hasInterpreter()) {
                found.addAll(t.elf().lookupDynamic(imp.name()));
                foundIn = found.isEmpty() ? null : t.path();
            }
            for (TargetSet.Library l : libs) {
                if (found.isEmpty() && l.found()) {
                    found.addAll(l.elf().lookupDynamic(imp.name()));
                    foundIn = found.isEmpty() ? null : l.name();
                }
            }
            if (found.isEmpty()) {
                if (t.hasInterpreter() && !t.elf().lookupDynamic(imp.name()).isEmpty()) {
                    groups.add("executable", null, where, "The import " + imp.rawName() + " is defined only by the"
                            + " executable " + t.path() + " itself. The LibcarePlus loader resolves imports in shared"
                            + " libraries only (objects without PT_INTERP), so applying the patch fails with 'Failed to"
                            + " resolve undefined symbol'.", imp.rawName());
                } else if (!missingLibs.isEmpty()) {
                    unchecked.add(imp.rawName());
                } else {
                    groups.add("unexported", null, where, "The import " + imp.rawName() + " is not exported by the"
                            + " target or any of its " + libs.size() + " needed libraries; applying the patch fails with"
                            + " 'Failed to resolve undefined symbol'. Build the patch against the libraries the target"
                            + " uses.", imp.rawName());
                }
                continue;
            }
            String want = importKind(imp);
            Symbol first = found.get(0);
            String have = kind(first);
            if (want != null && have != null && !want.equals(have)) {
                out.report(where, "The import " + imp.rawName() + " is a " + want + " in the patch, but " + foundIn
                        + " exports " + first.name() + " as " + have + " (" + first.type().name() + "). The patch would"
                        + " " + (want.equals("function") ? "call data" : "read code") + ".");
                continue;
            }
            if (imp.version() != null) {
                Symbol exact = found.stream().filter(s -> imp.version().equals(s.version())).findFirst().orElse(null);
                boolean versioned = found.stream().anyMatch(s -> s.version() != null);
                if (exact == null && versioned) {
                    String versions = String.join(", ", found.stream().map(s -> s.version() == null ? "(none)"
                            : s.version()).distinct().sorted().toList());
                    out.report(Severity.WARNING, where, "The patch imports " + imp.rawName() + ", but " + foundIn
                            + " exports " + imp.name() + " only with version " + versions + ". The loader ignores"
                            + " versions and binds to that definition, which may behave differently from the one the"
                            + " patch was built against. Rebuild the patch against the target's libraries.");
                } else if (exact != null && exact.versionHidden() && found.size() > 1) {
                    out.report(Severity.WARNING, where, "The patch imports the non-default version " + imp.rawName()
                            + " and " + foundIn + " also exports other versions of " + imp.name() + ". The loader"
                            + " strips the version and binds to the first definition its hash lookup finds, which may"
                            + " not be " + imp.version() + ".");
                }
            }
        }
        groups.flush(out, "import(s)");
        if (!unchecked.isEmpty()) {
            out.unverified(Severity.NOTE, p.where(), unchecked.size() + " import(s) could not be checked ("
                    + String.join(", ", unchecked) + ") because these needed libraries of " + t.path()
                    + " were not found: " + String.join(", ", missingLibs) + ". Give --sysroot to resolve them.");
        }
    }

    private static String importKind(KpatchImport imp) {
        return imp.type().is("FUNC") || imp.type().is("GNU_IFUNC") ? "function"
                : imp.type().is("OBJECT") ? "data object" : null;
    }

    private static String kind(Symbol s) {
        return s.type().is("FUNC") || s.type().is("GNU_IFUNC") ? "function"
                : s.type().is("OBJECT") || s.type().is("COMMON") ? "data object" : null;
    }
}
