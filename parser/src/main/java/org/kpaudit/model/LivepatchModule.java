package org.kpaudit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Linux kernel module ({@code .ko}) read as a livepatch: its {@code .modinfo}, the recovered
 * {@code klp_patch}, the livepatch relocation sections and symbols, what kpatch-build added,
 * and the symbols it needs from the kernel.
 *
 * @param path the path as given
 * @param elf the module's ELF
 * @param kind {@link FileKind#LIVEPATCH_MODULE} or {@link FileKind#KERNEL_MODULE}
 * @param modinfo every {@code .modinfo} string in order
 * @param name the module name (modinfo {@code name}, else the name in {@code __this_module}),
 *     or {@code null}
 * @param nameSource where {@code name} comes from
 * @param kernel the kernel release from vermagic, or {@code null}
 * @param patch the patch description, or {@code null} when none could be recovered
 * @param patchUnknown why {@code patch} is {@code null}
 * @param klpRelaSections the {@code .klp.rela.*} / SHF_RELA_LIVEPATCH sections
 * @param klpSymbols the {@code .klp.sym.*} / SHN_LIVEPATCH symbols
 * @param kpatch what kpatch-build added, or {@code null} when the module has no {@code .kpatch.*}
 *     sections
 * @param versions the {@code __versions} entries
 * @param undefinedSymbols plain undefined (SHN_UNDEF) global or weak symbols the module loader
 *     resolves against exported symbols
 * @param warnings problems met while recovering the description (the file is still usable)
 */
public record LivepatchModule(
        String path,
        ElfFile elf,
        FileKind kind,
        List<ModinfoEntry> modinfo,
        String name,
        String nameSource,
        KernelVersion kernel,
        KlpPatch patch,
        String patchUnknown,
        List<KlpRelaSection> klpRelaSections,
        List<KlpSymbol> klpSymbols,
        KpatchSections kpatch,
        List<ModuleVersion> versions,
        List<Symbol> undefinedSymbols,
        List<Problem> warnings) {

    /** MODULE_NAME_LEN on 64-bit: object and module names are at most 55 characters. */
    public static final int MODULE_NAME_LEN = 56;

    public LivepatchModule {
        modinfo = List.copyOf(modinfo);
        klpRelaSections = List.copyOf(klpRelaSections);
        klpSymbols = List.copyOf(klpSymbols);
        versions = List.copyOf(versions);
        undefinedSymbols = List.copyOf(undefinedSymbols);
        warnings = List.copyOf(warnings);
    }

    public boolean isLivepatch() {
        return kind == FileKind.LIVEPATCH_MODULE;
    }

    /** The first value of a {@code .modinfo} key. */
    public Optional<String> modinfo(String key) {
        return modinfo.stream().filter(e -> e.key().equals(key) && e.value() != null).map(ModinfoEntry::value)
                .findFirst();
    }

    public String vermagic() {
        return modinfo("vermagic").orElse(null);
    }

    public String srcversion() {
        return modinfo("srcversion").orElse(null);
    }

    public String license() {
        return modinfo("license").orElse(null);
    }

    /** The modules named in {@code depends=} (comma-separated; empty when none). */
    public List<String> depends() {
        return modinfo("depends").map(d -> Arrays.stream(d.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList()).orElse(List.of());
    }

    /** The name used in reports: the module name, else the file path. */
    public String displayName() {
        return name != null ? name : path;
    }

    /**
     * KSYM_NAME_LEN of the kernel the module was built for: 512 since Linux 6.1, 128 before.
     * When vermagic gives no version, 512 is assumed (see {@link #ksymNameLenBasis()}).
     */
    public int ksymNameLen() {
        return kernel == null || kernel.atLeast(6, 1) ? 512 : 128;
    }

    /** Why {@link #ksymNameLen()} has its value. */
    public String ksymNameLenBasis() {
        if (kernel == null) {
            return "KSYM_NAME_LEN 512 assumed: vermagic names no kernel version";
        }
        return "KSYM_NAME_LEN " + ksymNameLen() + " for Linux " + kernel.major() + "." + kernel.minor()
                + " (vermagic " + kernel.release() + "; 512 since 6.1, 128 before)";
    }
}
