package org.kpaudit.model;

import java.util.List;

/**
 * One {@code .gnu.version_d} entry.
 *
 * @param index the version index .gnu.version entries use
 * @param flags VER_FLG_BASE 1 (the object's own name), VER_FLG_WEAK 2
 * @param name the version name
 * @param parents names of the versions this one inherits from
 */
public record VersionDef(int index, int flags, String name, List<String> parents) {

    public VersionDef {
        parents = List.copyOf(parents);
    }

    public boolean isBase() {
        return (flags & 1) != 0;
    }
}
