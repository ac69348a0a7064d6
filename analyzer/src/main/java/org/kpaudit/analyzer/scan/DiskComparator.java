package org.kpaudit.analyzer.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchHeader;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;

/**
 * Compares an applied patch with a {@code .kpatch} file: the header (layout, id, build-id,
 * sizes; not the run-time fields), the info records (names, sizes, where the new code lies in
 * the ELF copy), and the bytes of the read-only {@code .kpatch.*} sections of the ELF copy
 * (new code, names) outside the places the loader relocates. Writable sections
 * ({@code .kpatch.data}) change while the program runs and are not compared.
 */
final class DiskComparator {

    /** Most bytes compared per section. */
    static final int MAX_SECTION = 16 << 20;

    private DiskComparator() {
    }

    static DiskComparison compare(MemoryImage mem, PatchRegion region, Path file, KpatchFile disk) throws IOException {
        List<String> diff = new ArrayList<>();
        KpatchHeader m = region.header();
        KpatchHeader d = disk.header();
        field(diff, "layout", m.layout(), d.layout());
        field(diff, "id", m.id(), d.id());
        field(diff, "build-id", m.buildId(), d.buildId());
        field(diff, "total_size", m.totalSize(), d.totalSize());
        field(diff, "kpatch_offset", m.kpatchOffset(), d.kpatchOffset());
        field(diff, "build_time", m.buildTime(), d.buildTime());

        List<AppliedRecord> recs = region.records();
        List<InfoRecord> infos = disk.infos();
        if (recs.size() != infos.size()) {
            diff.add("info records: " + recs.size() + " applied, " + infos.size() + " in the file");
        }
        ElfFile elf = disk.elf();
        for (int i = 0; i < Math.min(recs.size(), infos.size()); i++) {
            AppliedRecord a = recs.get(i);
            InfoRecord f = infos.get(i);
            if (!Objects.equals(a.name(), f.name())) {
                diff.add("record " + i + ": name " + a.name() + " applied, " + f.name() + " in the file");
            }
            if (a.raw().dlen() != f.dlen() || a.raw().slen() != f.slen()) {
                diff.add("record " + i + " (" + f.name() + "): dlen/slen " + a.raw().dlen() + "/" + a.raw().slen()
                        + " applied, " + f.dlen() + "/" + f.slen() + " in the file");
            }
            if (a.isNew() != f.isNew()) {
                diff.add("record " + i + " (" + f.name() + "): " + (a.isNew() ? "new" : "changed") + " function applied, "
                        + (f.isNew() ? "new" : "changed") + " in the file");
            }
            if (f.replacement() != null && f.replacement().sectionName() != null) {
                Section s = elf.section(f.replacement().sectionName()).orElse(null);
                if (s != null && s.hasFileData()) {
                    long expected = region.elfAddress() + s.offset() + f.replacement().offset();
                    if (expected != a.raw().saddr()) {
                        diff.add("record " + i + " (" + f.name() + "): new code at 0x" + Long.toHexString(a.raw().saddr())
                                + ", the file puts it at 0x" + Long.toHexString(expected));
                    }
                }
            }
        }

        for (Section s : elf.sections()) {
            if (!s.hasFileData() || s.name() == null || !s.name().startsWith(".kpatch.")
                    || s.name().equals(".kpatch.info") || (s.flags() & Section.SHF_WRITE) != 0 || s.size() == 0) {
                continue;
            }
            int len = (int) (Long.compareUnsigned(s.size(), MAX_SECTION) > 0 ? MAX_SECTION : s.size());
            byte[] fb = elf.read(s.offset(), len);
            long addr = region.elfAddress() + s.offset();
            byte[] mb = mem.read(addr, fb.length);
            if (mb.length < fb.length) {
                diff.add("section " + s.name() + ": only 0x" + Integer.toHexString(mb.length) + " of 0x"
                        + Integer.toHexString(fb.length) + " bytes are readable in the image");
                continue;
            }
            BitSet relocated = relocated(elf, s, fb.length);
            int first = -1;
            int count = 0;
            for (int i = 0; i < fb.length; i++) {
                if (fb[i] != mb[i] && !relocated.get(i)) {
                    if (first < 0) {
                        first = i;
                    }
                    count++;
                }
            }
            if (count > 0) {
                diff.add("section " + s.name() + ": " + count + (count == 1 ? " byte differs" : " bytes differ")
                        + " outside relocations, first at +0x" + Integer.toHexString(first) + " (0x"
                        + Long.toHexString(addr + first) + String.format(": applied %02x, file %02x)", mb[first] & 0xff,
                                fb[first] & 0xff));
            }
        }
        return new DiskComparison(file.toString(), diff);
    }

    private static void field(List<String> diff, String name, Object applied, Object file) {
        if (!Objects.equals(applied, file)) {
            diff.add("header " + name + ": " + applied + " applied, " + file + " in the file");
        }
    }

    /** The bytes of {@code s} that relocations of the file rewrite at load time. */
    private static BitSet relocated(ElfFile elf, Section s, int len) {
        BitSet out = new BitSet(len);
        for (RelocationSection rs : elf.relocationSections()) {
            if (rs.target() != s.index()) {
                continue;
            }
            for (Relocation r : elf.relocations(rs)) {
                int w = width(r);
                long o = r.offset();
                if (o >= 0 && o < len) {
                    out.set((int) o, (int) Math.min(len, o + w));
                }
            }
        }
        return out;
    }

    /** Bytes a relocation rewrites: 8 for the 64-bit absolute types, 0 for NONE, 4 otherwise (and 8 when unknown). */
    static int width(Relocation r) {
        String t = r.type().name();
        if (t == null) {
            return 8;
        }
        if (t.endsWith("_NONE")) {
            return 0;
        }
        if (t.equals("R_X86_64_64") || t.equals("R_X86_64_PC64") || t.equals("R_X86_64_GOTOFF64")
                || t.equals("R_X86_64_GLOB_DAT") || t.equals("R_X86_64_JUMP_SLOT") || t.equals("R_X86_64_RELATIVE")
                || t.equals("R_AARCH64_ABS64") || t.equals("R_AARCH64_PREL64")) {
            return 8;
        }
        return 4;
    }
}
