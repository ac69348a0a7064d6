package org.kpaudit.analyzer.diff;

import java.util.List;

/**
 * What changed from one patch to another: header fields, functions (added, removed, changed in
 * size, location or relocations), imports and relocation counts. Presentation-free; sorted.
 *
 * @param oldPatch path of the old patch
 * @param newPatch path of the new patch
 */
public record PatchDiff(
        String oldPatch,
        String newPatch,
        List<FieldChange> header,
        List<FunctionChange> functions,
        List<ImportChange> imports,
        List<FieldChange> relocations) {

    public PatchDiff {
        header = List.copyOf(header);
        functions = List.copyOf(functions);
        imports = List.copyOf(imports);
        relocations = List.copyOf(relocations);
    }

    public boolean isEmpty() {
        return header.isEmpty() && functions.isEmpty() && imports.isEmpty() && relocations.isEmpty();
    }

    /** How an item differs. */
    public enum Change {
        ADDED,
        REMOVED,
        CHANGED
    }

    /** A named value that differs; {@code null} stands for absent. */
    public record FieldChange(String field, String oldValue, String newValue) {
    }

    /**
     * A function the two patches treat differently.
     *
     * @param function the function name
     * @param kind CHANGED (replaces an original) or NEW, in the newer patch when present there
     * @param details one line per difference ({@code new code size 57 -> 60}); empty for ADDED/REMOVED
     */
    public record FunctionChange(String function, Change change, String kind, List<String> details) {
        public FunctionChange {
            details = List.copyOf(details);
        }
    }

    /** An import (name@version) present in only one of the patches. */
    public record ImportChange(String name, String version, Change change) {
    }
}
