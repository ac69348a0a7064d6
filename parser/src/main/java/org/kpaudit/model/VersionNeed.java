package org.kpaudit.model;

import java.util.List;

/** One {@code .gnu.version_r} entry: a needed file and the versions required from it. */
public record VersionNeed(String file, List<Version> versions) {

    public VersionNeed {
        versions = List.copyOf(versions);
    }

    /** A version required from the file: {@code index} is the value .gnu.version entries use. */
    public record Version(String name, int index, long hash, int flags) {
    }
}
