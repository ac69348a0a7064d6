package org.kpaudit.parser;

import io.kaitai.struct.ByteBufferKaitaiStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kpaudit.formats.LinuxLivepatch;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.FileKind;
import org.kpaudit.model.KernelVersion;
import org.kpaudit.model.KlpPatch;
import org.kpaudit.model.KlpRelaSection;
import org.kpaudit.model.KlpSymbol;
import org.kpaudit.model.KlpSymbolName;
import org.kpaudit.model.KpatchSections;
import org.kpaudit.model.LivepatchModule;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.ModinfoEntry;
import org.kpaudit.model.ModuleVersion;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Relocation;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolTableKind;

/**
 * Reads a kernel module ({@code .ko}) as a livepatch: {@code .modinfo}, the {@code klp_patch}
 * recovered from its static data (or from kpatch-build's {@code .kpatch.funcs}), the
 * {@code .klp.rela.*} sections and {@code .klp.sym.*} symbols, {@code __versions} and the
 * undefined symbols. Facts and layouts: klp-format.md §1, §2, §4.
 */
public final class LivepatchParser {

    private static final int MAX_MODINFO = 1 << 20;
    static final int MODVERSION_SIZE = 64;

    private LivepatchParser() {
    }

    public static LivepatchModule parse(Path path) throws IOException {
        return parse(path.toString(), MappedInput.map(path));
    }

    public static LivepatchModule parse(String name, ByteBuffer buffer) {
        return of(ElfParser.parse(name, buffer));
    }

    /**
     * Reads an already parsed ELF as a module.
     *
     * @throws MalformedFileException when it is not a relocatable object with {@code .modinfo}
     */
    public static LivepatchModule of(ElfFile elf) {
        String file = elf.path();
        Optional<FileKind> kind = FileTypeDetector.modinfoKind(elf);
        if (!elf.header().type().is("REL") || kind.isEmpty()) {
            throw new MalformedFileException(new Problem(file, 0, "not a kernel module (a kernel module is an ELF"
                    + " relocatable object with a .modinfo section)"));
        }
        List<Problem> warnings = new ArrayList<>();
        List<ModinfoEntry> modinfo = modinfo(elf, warnings);
        ModuleData d = new ModuleData(elf, warnings);

        String name = null;
        String nameSource = null;
        for (ModinfoEntry e : modinfo) {
            if (e.key().equals("name") && e.value() != null && !e.value().isEmpty()) {
                name = e.value();
                nameSource = ".modinfo name";
                break;
            }
        }
        if (name == null) {
            name = thisModuleName(d);
            nameSource = name == null ? "unknown: no .modinfo name and no name in .gnu.linkonce.this_module"
                    : ".gnu.linkonce.this_module";
        }
        String vermagic = modinfo.stream().filter(e -> e.key().equals("vermagic") && e.value() != null)
                .map(ModinfoEntry::value).findFirst().orElse(null);
        KernelVersion kernel = KernelVersion.fromVermagic(vermagic);

        KpatchSectionReader kr = new KpatchSectionReader(d, file, warnings);
        KpatchSections kpatch = kr.present() ? kr.read() : null;

        KlpPatch patch;
        String patchUnknown;
        KlpRecovery.Result r = new KlpRecovery(d, file, warnings).recover();
        if (r.patch() != null) {
            patch = r.patch();
            patchUnknown = null;
            if (kpatch != null && !kpatch.funcs().isEmpty()) {
                warnings.add(new Problem(file, -1, "the module has both a static klp_patch and .kpatch.funcs; the"
                        + " static klp_patch is reported"));
            }
        } else if (kpatch != null && !kpatch.funcs().isEmpty()) {
            patch = KpatchSectionReader.patchOf(kpatch);
            patchUnknown = null;
        } else {
            patch = null;
            patchUnknown = r.reason() + "; no .kpatch.funcs entries either";
        }

        return new LivepatchModule(file, elf, kind.get(), modinfo, name, nameSource, kernel, patch, patchUnknown,
                klpRelaSections(d, warnings), klpSymbols(elf), kpatch, versions(d, warnings), undefined(elf), warnings);
    }

    static List<ModinfoEntry> modinfo(ElfFile elf, List<Problem> warnings) {
        Optional<Section> mi = elf.section(".modinfo");
        List<ModinfoEntry> out = new ArrayList<>();
        if (mi.isEmpty() || !mi.get().hasFileData()) {
            return out;
        }
        Section s = mi.get();
        if (Long.compareUnsigned(s.size(), MAX_MODINFO) > 0) {
            warnings.add(new Problem(elf.path(), s.offset(), ".modinfo is " + Long.toUnsignedString(s.size())
                    + " bytes; only the first " + MAX_MODINFO + " are read"));
        }
        byte[] data = elf.sectionBytes(s, MAX_MODINFO);
        LinuxLivepatch.Modinfo m = new LinuxLivepatch.Modinfo(new ByteBufferKaitaiStream(data));
        long pos = 0;
        for (byte[] entry : m.entries()) {
            if (entry.length > 0) {
                String text = Names.decode(entry);
                int eq = text.indexOf('=');
                out.add(eq < 0 ? new ModinfoEntry(text, null, s.offset() + pos)
                        : new ModinfoEntry(text.substring(0, eq), text.substring(eq + 1), s.offset() + pos));
            }
            pos += entry.length + 1;
        }
        return out;
    }

    private static String thisModuleName(ModuleData d) {
        Optional<Section> s = d.elf().section(".gnu.linkonce.this_module");
        if (s.isEmpty()) {
            return null;
        }
        byte[] b = d.bytes(s.get(), 0, 80);
        if (b == null) {
            return null;
        }
        LinuxLivepatch.ThisModuleHead h = new LinuxLivepatch.ThisModuleHead(new ByteBufferKaitaiStream(b));
        String n = Names.decodeCString(h.name());
        return n.isEmpty() ? null : n;
    }

    private static List<KlpRelaSection> klpRelaSections(ModuleData d, List<Problem> warnings) {
        ElfFile elf = d.elf();
        List<KlpRelaSection> out = new ArrayList<>();
        for (Section s : elf.sections()) {
            boolean prefixed = s.name() != null && s.name().startsWith(KlpRelaSection.PREFIX);
            if (!prefixed && !s.hasFlag(Section.SHF_RELA_LIVEPATCH)) {
                continue;
            }
            // SHF_RELA_LIVEPATCH (0x00100000) lies in SHF_MASKOS, where SHF_RO_AFTER_INIT also lives;
            // an unprefixed section counts only when it is a relocation section
            if (!prefixed && !s.type().is("RELA") && !s.type().is("REL")) {
                continue;
            }
            String[] parts = KlpRelaSection.splitName(s.name());
            Section target = s.info() == 0 ? null : elf.section(s.info()).orElse(null);
            List<KlpRelaSection.Entry> entries = new ArrayList<>();
            Optional<RelocationSection> rs = elf.relocationSections().stream()
                    .filter(x -> x.section().index() == s.index()).findFirst();
            List<Relocation> relocs = List.of();
            if (rs.isPresent() && rs.get().format() != RelocationSection.Format.RELR) {
                try {
                    relocs = elf.relocations(rs.get());
                } catch (MalformedFileException e) {
                    warnings.add(e.problem());
                }
                for (Relocation r : relocs) {
                    Symbol sym = d.symbol(r.symbolIndex()).orElse(null);
                    KlpSymbolName n = sym == null || sym.name() == null ? null : KlpSymbolName.parse(sym.name());
                    entries.add(new KlpRelaSection.Entry(r, sym, n));
                }
            }
            out.add(new KlpRelaSection(s, prefixed, parts[0], parts[1], target, entries));
        }
        return out;
    }

    private static List<KlpSymbol> klpSymbols(ElfFile elf) {
        List<KlpSymbol> out = new ArrayList<>();
        Section symtab = elf.symbolTableSection(SymbolTableKind.SYMTAB).orElse(null);
        for (Symbol s : elf.symbols(SymbolTableKind.SYMTAB)) {
            if (KlpSymbolName.hasPrefix(s.name()) || s.shndx() == Symbol.SHN_LIVEPATCH) {
                long off = symtab == null ? -1 : symtab.offset() + s.index() * symtab.entsize();
                out.add(new KlpSymbol(s, KlpSymbolName.parse(s.name()), off));
            }
        }
        return out;
    }

    private static List<ModuleVersion> versions(ModuleData d, List<Problem> warnings) {
        List<ModuleVersion> out = new ArrayList<>();
        Optional<Section> s = d.elf().section("__versions");
        if (s.isEmpty() || !s.get().hasFileData()) {
            return out;
        }
        Section sec = s.get();
        if (sec.size() % MODVERSION_SIZE != 0) {
            warnings.add(new Problem(d.elf().path(), sec.offset(), "__versions is " + sec.size()
                    + " bytes, not a multiple of " + MODVERSION_SIZE));
        }
        long n = Math.min(sec.size() / MODVERSION_SIZE, KlpRecovery.MAX_ENTRIES);
        for (int i = 0; i < n; i++) {
            byte[] b = d.bytes(sec, (long) i * MODVERSION_SIZE, MODVERSION_SIZE);
            if (b == null) {
                break;
            }
            LinuxLivepatch.ModversionInfo v = new LinuxLivepatch.ModversionInfo(new ByteBufferKaitaiStream(b));
            out.add(new ModuleVersion(Names.decodeCString(v.name()), v.crc(),
                    sec.offset() + (long) i * MODVERSION_SIZE));
        }
        return out;
    }

    private static List<Symbol> undefined(ElfFile elf) {
        List<Symbol> out = new ArrayList<>();
        for (Symbol s : elf.symbols(SymbolTableKind.SYMTAB)) {
            if (s.index() != 0 && s.isUndefined() && s.isGlobalOrWeak() && s.name() != null && !s.name().isEmpty()
                    && !KlpSymbolName.hasPrefix(s.name())) {
                out.add(s);
            }
        }
        return out;
    }
}
