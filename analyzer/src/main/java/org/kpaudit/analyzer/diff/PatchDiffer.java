package org.kpaudit.analyzer.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.RelocationSummary;

import org.kpaudit.model.SymbolRef;

/** Computes a {@link PatchDiff} between two parsed patches. */
public final class PatchDiffer {

    private PatchDiffer() {
    }

    public static PatchDiff diff(KpatchFile oldP, KpatchFile newP) {
        return new PatchDiff(oldP.path(), newP.path(), header(oldP, newP), functions(oldP, newP),
                imports(oldP, newP), relocations(oldP, newP));
    }

    private static List<PatchDiff.FieldChange> header(KpatchFile a, KpatchFile b) {
        List<PatchDiff.FieldChange> out = new ArrayList<>();
        KpatchHeader x = a.header();
        KpatchHeader y = b.header();
        field(out, "layout", x.layout().name(), y.layout().name());
        field(out, "id", x.id(), y.id());
        field(out, "build_id", x.buildId(), y.buildId());
        field(out, "build_time", Long.toUnsignedString(x.buildTime()), Long.toUnsignedString(y.buildTime()));
        field(out, "total_size", Long.toUnsignedString(x.totalSize()), Long.toUnsignedString(y.totalSize()));
        field(out, "machine", a.elf().header().machine().name(), b.elf().header().machine().name());
        field(out, "class", "ELF" + a.elf().header().elfClass(), "ELF" + b.elf().header().elfClass());
        field(out, "sections", Integer.toString(a.elf().sections().size()), Integer.toString(b.elf().sections().size()));
        field(out, "kpatch_data", dataSize(a), dataSize(b));
        return out;
    }

    private static String dataSize(KpatchFile k) {
        return k.elf().section(".kpatch.data").map(s -> Long.toUnsignedString(s.size()) + " bytes").orElse(null);
    }

    private static void field(List<PatchDiff.FieldChange> out, String name, String a, String b) {
        if (!Objects.equals(a, b)) {
            out.add(new PatchDiff.FieldChange(name, a, b));
        }
    }

    private static Map<String, InfoRecord> byFunction(KpatchFile k) {
        Map<String, InfoRecord> m = new TreeMap<>();
        for (InfoRecord r : k.infos()) {
            m.putIfAbsent(r.function() == null ? "#" + r.index() : r.function(), r);
        }
        return m;
    }

    private static List<PatchDiff.FunctionChange> functions(KpatchFile a, KpatchFile b) {
        Map<String, InfoRecord> old = byFunction(a);
        Map<String, InfoRecord> now = byFunction(b);
        TreeSet<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        List<PatchDiff.FunctionChange> out = new ArrayList<>();
        for (String f : names) {
            InfoRecord x = old.get(f);
            InfoRecord y = now.get(f);
            if (x == null) {
                out.add(new PatchDiff.FunctionChange(f, PatchDiff.Change.ADDED, kind(y), List.of()));
            } else if (y == null) {
                out.add(new PatchDiff.FunctionChange(f, PatchDiff.Change.REMOVED, kind(x), List.of()));
            } else {
                List<String> d = new ArrayList<>();
                if (x.kind() != y.kind()) {
                    d.add("kind " + kind(x) + " -> " + kind(y));
                }
                if (x.slen() != y.slen()) {
                    d.add("new code size " + x.slen() + " -> " + y.slen());
                }
                if (x.dlen() != y.dlen()) {
                    d.add("original size " + x.dlen() + " -> " + y.dlen());
                }
                String xa = address(x.original());
                String ya = address(y.original());
                if (!Objects.equals(xa, ya)) {
                    d.add("original " + xa + " -> " + ya);
                }
                List<String> xr = relocationsOf(a, x);
                List<String> yr = relocationsOf(b, y);
                if (!xr.equals(yr)) {
                    List<String> gone = new ArrayList<>(xr);
                    yr.forEach(gone::remove);
                    List<String> added = new ArrayList<>(yr);
                    xr.forEach(added::remove);
                    for (String r : added) {
                        d.add("relocation added: " + r);
                    }
                    for (String r : gone) {
                        d.add("relocation removed: " + r);
                    }
                }
                if (!d.isEmpty()) {
                    out.add(new PatchDiff.FunctionChange(f, PatchDiff.Change.CHANGED, kind(y), d));
                }
            }
        }
        return out;
    }

    private static String kind(InfoRecord r) {
        return r.kind().name();
    }

    private static String address(SymbolRef ref) {
        if (ref == null) {
            return null;
        }
        return (ref.sectionName() == null ? "?" : ref.sectionName()) + "+0x" + Long.toHexString(ref.offset())
                + " (0x" + Long.toHexString(ref.address()) + ")";
    }

    /**
     * The relocations inside a function's new code, as "TYPE symbol" (sorted; the offsets and
     * addends are left out, they move with every rebuild).
     */
    static List<String> relocationsOf(KpatchFile k, InfoRecord r) {
        SymbolRef code = r.replacement();
        List<String> out = new ArrayList<>();
        if (code == null) {
            return out;
        }
        for (RelocationSection rs : k.elf().relocationSections()) {
            if (rs.target() != code.sectionIndex()) {
                continue;
            }
            for (Relocation rel : k.elf().relocations(rs)) {
                if (Long.compareUnsigned(rel.offset() - code.offset(), r.slen()) < 0) {
                    String t = rel.type().name() != null ? rel.type().name() : "0x" + Long.toHexString(rel.type().value());
                    out.add(t + " " + (rel.symbolName() == null ? "-" : rel.symbolName()));
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static List<PatchDiff.ImportChange> imports(KpatchFile a, KpatchFile b) {
        TreeMap<String, KpatchImport> x = new TreeMap<>();
        a.imports().forEach(i -> x.put(i.rawName(), i));
        TreeMap<String, KpatchImport> y = new TreeMap<>();
        b.imports().forEach(i -> y.put(i.rawName(), i));
        List<PatchDiff.ImportChange> out = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(x.keySet());
        all.addAll(y.keySet());
        for (String n : all) {
            if (!y.containsKey(n)) {
                out.add(new PatchDiff.ImportChange(x.get(n).name(), x.get(n).version(), PatchDiff.Change.REMOVED));
            } else if (!x.containsKey(n)) {
                out.add(new PatchDiff.ImportChange(y.get(n).name(), y.get(n).version(), PatchDiff.Change.ADDED));
            }
        }
        return out;
    }

    private static List<PatchDiff.FieldChange> relocations(KpatchFile a, KpatchFile b) {
        Map<String, Long> x = counts(a);
        Map<String, Long> y = counts(b);
        TreeSet<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        List<PatchDiff.FieldChange> out = new ArrayList<>();
        for (String k : keys) {
            Long p = x.get(k);
            Long q = y.get(k);
            if (!Objects.equals(p, q)) {
                out.add(new PatchDiff.FieldChange(k, p == null ? null : p.toString(), q == null ? null : q.toString()));
            }
        }
        return out;
    }

    /** Relocation count per "section TYPE". */
    private static Map<String, Long> counts(KpatchFile k) {
        Map<String, Long> m = new TreeMap<>();
        for (RelocationSummary s : k.relocationSummaries()) {
            s.byType().forEach((t, n) -> m.merge(s.section() + " " + t, n, Long::sum));
        }
        return m;
    }
}
