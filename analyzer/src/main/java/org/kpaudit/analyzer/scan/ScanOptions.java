package org.kpaudit.analyzer.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * How to scan.
 *
 * @param sysroot where the mapped files are found by path ({@code <sysroot>/<path>}); null to
 *     read no file by path (cores without {@code --sysroot})
 * @param patches a folder of {@code .kpatch} files to compare applied patches with, or null
 * @param sources where files are found by build-id when not by path (tried in order)
 */
public record ScanOptions(Path sysroot, Path patches, List<ObjectFileSource> sources) {

    public static final ScanOptions NONE = new ScanOptions(null, null, List.of());

    public ScanOptions {
        sources = List.copyOf(sources);
    }

    public ScanOptions(Path sysroot, Path patches) {
        this(sysroot, patches, List.of());
    }

    /** True when some file can be found at all (by path or by build-id). */
    public boolean anyFiles() {
        return sysroot != null || !sources.isEmpty();
    }
}
