package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One finding per root cause: findings of one kind (the same relocation type in one section with
 * the same defect, say) are collected under a key and reported once, at the first one's location,
 * with the others listed, instead of one finding per relocation.
 */
public final class FindingGroups {

    private record Item(Severity severity, Location where, String message, String item) {
    }

    private final Map<String, List<Item>> groups = new LinkedHashMap<>();

    /**
     * Adds a finding to the group {@code key}.
     *
     * @param severity its severity, or null for the rule's
     * @param message the whole message, used as is when the group has one finding
     * @param item how it is named in the list of the others ("relocation 7 against foo")
     */
    public void add(String key, Severity severity, Location where, String message, String item) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Item(severity, where, message, item));
    }

    /** Reports each group: its first message, and for several, "The same holds for N more {noun}: ...". */
    public void flush(Findings out, String noun) {
        for (List<Item> g : groups.values()) {
            Item first = g.get(0);
            String message = first.message();
            if (g.size() > 1) {
                List<String> rest = g.subList(1, g.size()).stream().map(Item::item).toList();
                int shown = Math.min(rest.size(), 20);
                message += " The same holds for " + rest.size() + " more " + noun + ": "
                        + String.join(", ", rest.subList(0, shown)) + (rest.size() > shown ? ", ..." : "") + ".";
            }
            if (first.severity() == null) {
                out.report(first.where(), message);
            } else {
                out.report(first.severity(), first.where(), message);
            }
        }
    }
}
