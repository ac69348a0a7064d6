package org.kpaudit.analyzer;

/**
 * A tool failure (not a finding): an unreadable input, or a check that crashed on a subject.
 *
 * @param level {@code error} or {@code warning}
 * @param file the file concerned
 * @param offset byte offset, or -1
 * @param message one line
 * @param ruleId the check that crashed, or null
 */
public record Notification(String level, String file, long offset, String message, String ruleId) {
}
