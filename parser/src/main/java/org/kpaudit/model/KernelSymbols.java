package org.kpaudit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The symbols of a target kernel (or module) given to a livepatch check: which symbols exist in
 * which object, which are exported, and, for an ELF target, where its ftrace call sites are.
 *
 * @param path the file as given
 * @param format what the file is
 * @param objects the objects whose symbols the list holds ({@code vmlinux}, module names); empty
 *     for a Module.symvers, which lists exports only
 * @param symbols symbols by name (every symbol for System.map, kallsyms and ELF; none for
 *     Module.symvers)
 * @param exports exported symbols by name
 * @param ftrace the ftrace call sites of an ELF target, or {@code null} when unknown
 * @param ftraceUnknown why {@code ftrace} is {@code null}
 * @param warnings lines or parts that could not be read
 */
public record KernelSymbols(
        String path,
        Format format,
        Set<String> objects,
        Map<String, List<KernelSymbol>> symbols,
        Map<String, Export> exports,
        FtraceSites ftrace,
        String ftraceUnknown,
        List<Problem> warnings) {

    /** The kinds of symbol lists kpaudit reads. */
    public enum Format {
        /** modpost's Module.symvers: exported symbols with CRC, module, export type, namespace. */
        MODULE_SYMVERS("Module.symvers"),
        /** {@code nm}-style {@code address type name} lines of vmlinux (System.map). */
        SYSTEM_MAP("System.map"),
        /** {@code /proc/kallsyms}: System.map lines plus {@code [module]} for module symbols. */
        KALLSYMS("kallsyms"),
        /** An ELF vmlinux or module with a symbol table. */
        ELF("ELF");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * An exported symbol.
     *
     * @param module the exporting module ({@code vmlinux} for the kernel), or {@code null}
     * @param exportType {@code EXPORT_SYMBOL}, {@code EXPORT_SYMBOL_GPL} ..., or {@code null}
     * @param namespace the symbol namespace, or {@code null}
     * @param crc the CONFIG_MODVERSIONS CRC, or {@code null}
     */
    public record Export(String name, String module, String exportType, String namespace, Long crc) {
    }

    /**
     * ftrace call sites: sorted addresses for a linked target, offsets per section for a
     * relocatable one.
     *
     * @param source where they come from ({@code __start_mcount_loc..__stop_mcount_loc})
     */
    public record FtraceSites(String source, long[] addresses, Map<Long, long[]> bySection) {

        /** The site inside {@code fn} as an offset from its start, if any. */
        public Optional<Long> siteIn(KernelSymbol fn) {
            long[] sites = fn.section() >= 0 ? bySection.get(fn.section()) : addresses;
            if (sites == null) {
                return Optional.empty();
            }
            long end = fn.size() > 0 ? fn.address() + fn.size() : fn.address() + 5;
            int i = Arrays.binarySearch(sites, fn.address());
            int at = i >= 0 ? i : -i - 1;
            if (at < sites.length && Long.compareUnsigned(sites[at], end) < 0) {
                return Optional.of(sites[at] - fn.address());
            }
            return Optional.empty();
        }

        public int count() {
            return addresses != null ? addresses.length
                    : bySection.values().stream().mapToInt(a -> a.length).sum();
        }
    }

    public KernelSymbols {
        objects = Set.copyOf(objects);
        symbols = Map.copyOf(symbols);
        exports = Map.copyOf(exports);
        warnings = List.copyOf(warnings);
    }

    /** True when the list has every symbol of its objects (not only exports). */
    public boolean hasAllSymbols() {
        return format != Format.MODULE_SYMVERS;
    }

    public boolean covers(String object) {
        return objects.contains(object);
    }

    public Optional<Export> export(String name) {
        return Optional.ofNullable(exports.get(name));
    }

    /** The symbols named {@code name} in {@code object} ({@code vmlinux} or a module), in list order. */
    public List<KernelSymbol> named(String object, String name) {
        List<KernelSymbol> all = symbols.get(name);
        if (all == null) {
            return List.of();
        }
        return all.stream().filter(s -> s.objectName().equals(object)).toList();
    }
}
