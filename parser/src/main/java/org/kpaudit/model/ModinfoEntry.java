package org.kpaudit.model;

/**
 * One {@code key=value} string of {@code .modinfo}.
 *
 * @param key text before the first {@code =} (the whole string when there is none)
 * @param value text after it, or {@code null} when the string has no {@code =}
 * @param fileOffset where the string starts in the file
 */
public record ModinfoEntry(String key, String value, long fileOffset) {
}
