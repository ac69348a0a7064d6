package org.kpaudit.model;

import java.util.Map;

/**
 * Counts of one relocation section by type.
 *
 * @param byType count per type name (sorted by name; unknown types as {@code type 0xNN})
 */
public record RelocationSummary(String section, long count, Map<String, Long> byType) {

    public RelocationSummary {
        byType = Map.copyOf(byType);
    }
}
