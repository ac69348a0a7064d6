package org.kpaudit.analyzer.scan;

import java.nio.file.Path;

/**
 * How to scan.
 *
 * @param sysroot where the mapped files are found ({@code <sysroot>/<path>}); null to read no
 *     file (cores without {@code --sysroot})
 * @param patches a folder of {@code .kpatch} files to compare applied patches with, or null
 */
public record ScanOptions(Path sysroot, Path patches) {

    public static final ScanOptions NONE = new ScanOptions(null, null);
}
