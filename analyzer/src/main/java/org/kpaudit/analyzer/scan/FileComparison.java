package org.kpaudit.analyzer.scan;

/** How bytes in memory compare with the object's file. */
public enum FileComparison {
    /** Equal. */
    MATCH,
    /** Different. */
    DIFFERS,
    /** No file with the object's build-id was available: not compared. */
    NO_FILE,
    /** The bytes (in memory or in the file) could not be read: not compared. */
    UNREADABLE;

    public boolean compared() {
        return this == MATCH || this == DIFFERS;
    }
}
