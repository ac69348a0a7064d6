package org.kpaudit.model;

/**
 * One {@code .dynamic} entry.
 *
 * @param text the string for tags whose value is a {@code .dynstr} offset (NEEDED, SONAME,
 *     RPATH, RUNPATH, AUXILIARY, FILTER), else {@code null}
 */
public record DynamicEntry(Code tag, long value, String text) {
}
