package org.kpaudit.analyzer.scan;

/** What an applied info record does now, found from the function entry and the saved bytes. */
public enum RecordState {
    /** The function entry jumps to this record's new code: it is the patch in effect. */
    ACTIVE,
    /** A newer patch of the same function is in effect and its saved bytes lead back here. */
    STACKED,
    /** Neither the entry nor any newer patch's saved bytes lead here, though the region is mapped. */
    INACTIVE,
    /** A new function: nothing in the target points to it through an entry jump. */
    NEW_FUNCTION,
    /** The entry bytes are not in the image, so the state cannot be told. */
    UNKNOWN
}
