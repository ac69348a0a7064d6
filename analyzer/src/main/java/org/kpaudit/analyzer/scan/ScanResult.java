package org.kpaudit.analyzer.scan;

import java.util.List;
import org.kpaudit.model.Code;
import org.kpaudit.model.CoreDump;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.MemoryImage;
import org.kpaudit.model.Problem;

/**
 * Everything one scan found in one process image: the mapped objects with their build-ids, the
 * applied patches with their records, the patched functions with their stacking order, entry
 * hooks no patch explains, and stray patch headers. The subject of the SC checks.
 *
 * @param input the core file or {@code pid N}
 * @param kind core or live process
 * @param machine e_machine of the process, or null
 * @param core the core's facts (null for a live process)
 * @param processName the executable's name (comm)
 * @param commandLine the command line as the image gives it
 * @param mappings every mapping
 * @param objects the mapped ELF objects
 * @param regions the applied patches, by address
 * @param functions the patched functions, by address
 * @param hooks code that jumps where no patch explains: found by comparing memory with the
 *     objects' files, or from memory alone
 * @param anonymousCode executable mappings no file backs (or writable and executable ones) that no
 *     patch accounts for
 * @param strays KPATCH1 headers that are not applied patches
 * @param bytesScanned bytes of the image searched for the magic
 * @param functionsCompared function entries compared with their files
 * @param codeExamined bytes of the objects' code in the image examined for jumps from memory alone
 * @param warnings parts of the image that could not be read
 */
public record ScanResult(
        String input,
        MemoryImage.Kind kind,
        Code machine,
        CoreDump core,
        String processName,
        String commandLine,
        List<Mapping> mappings,
        List<LoadedObject> objects,
        List<PatchRegion> regions,
        List<PatchedFunction> functions,
        List<EntryHook> hooks,
        List<AnonymousCode> anonymousCode,
        List<StrayHeader> strays,
        long bytesScanned,
        long functionsCompared,
        long codeExamined,
        List<Problem> warnings) {

    public ScanResult {
        mappings = List.copyOf(mappings);
        objects = List.copyOf(objects);
        regions = List.copyOf(regions);
        functions = List.copyOf(functions);
        hooks = List.copyOf(hooks);
        anonymousCode = List.copyOf(anonymousCode);
        strays = List.copyOf(strays);
        warnings = List.copyOf(warnings);
    }

    /** Mapped objects with code whose file was found (build-id checked), so their code was compared with it. */
    public long objectsVerified() {
        return objects.stream().filter(o -> o.executable() && o.verified()).count();
    }

    /** Mapped objects with code that could not be compared with a file. */
    public long objectsUnverified() {
        return objects.stream().filter(o -> o.executable() && !o.verified()).count();
    }

    /** Patched function entries checked in full (entry bytes, stack, original bytes against the file). */
    public long entriesVerified() {
        return functions.stream().filter(PatchedFunction::verified).count();
    }

    /** Patched function entries that could not be checked in full. */
    public long entriesUnverified() {
        return functions.stream().filter(f -> !f.verified()).count();
    }

    /** The region that contains {@code address}, or null. */
    public PatchRegion regionAt(long address) {
        for (PatchRegion r : regions) {
            if (r.contains(address)) {
                return r;
            }
        }
        return null;
    }

    /** The object that contains {@code address}, or null. */
    public LoadedObject objectAt(long address) {
        for (LoadedObject o : objects) {
            if (o.contains(address)) {
                return o;
            }
        }
        return null;
    }

    /** What lies at {@code address}, in words: a patch region, an object, another mapping, or nothing. */
    public String describe(long address) {
        PatchRegion r = regionAt(address);
        if (r != null) {
            return "patch " + r.label() + " +0x" + Long.toHexString(address - r.address());
        }
        LoadedObject o = objectAt(address);
        if (o != null) {
            return o.path() + " +0x" + Long.toHexString(address - o.start());
        }
        for (Mapping m : mappings) {
            if (m.contains(address)) {
                return (m.path() == null ? "anonymous " + m.perms() + " mapping" : m.path() + " " + m.perms()) + " at 0x"
                        + Long.toHexString(m.start());
            }
        }
        return "unmapped memory";
    }
}
