package org.kpaudit.model;

/**
 * Why an input could not be read: which file, where in it, and what is wrong.
 *
 * <p>A problem is a tool failure (the input is unreadable or malformed), not a finding
 * about a well-formed patch.
 *
 * @param file the path as the user gave it (or the member name inside an archive)
 * @param offset byte offset in the file where the problem was seen, or -1 when unknown
 * @param reason one sentence, no trailing period
 */
public record Problem(String file, long offset, String reason) {

    public Problem {
        file = file == null ? "<input>" : file;
        reason = reason == null ? "unknown problem" : reason;
    }

    public Problem withFile(String newFile) {
        return new Problem(newFile, offset, reason);
    }

    /** Moves the offset by {@code base}, for an object embedded in a larger file. */
    public Problem shifted(long base) {
        return offset < 0 ? this : new Problem(file, offset + base, reason);
    }
}
