package org.kpaudit.analyzer.scan;

import java.util.List;

/**
 * An applied patch compared with the {@code .kpatch} file of the same id and build-id found
 * under {@code --patches}.
 *
 * @param file the file compared with
 * @param differences what differs (empty when the applied patch is that file)
 */
public record DiskComparison(String file, List<String> differences) {

    public DiskComparison {
        differences = List.copyOf(differences);
    }

    public boolean same() {
        return differences.isEmpty();
    }
}
