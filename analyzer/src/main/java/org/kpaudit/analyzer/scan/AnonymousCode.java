package org.kpaudit.analyzer.scan;

import org.kpaudit.model.Mapping;

/**
 * An executable mapping that no file backs, or a writable and executable one, that no applied
 * patch accounts for: where injected code lives (the kernel's vDSO and vsyscall pages are not
 * counted).
 *
 * @param mapping the mapping
 * @param firstBytes its first bytes, as far as the image holds them (empty when none)
 * @param fileOffset where they are in the core file (-1 when not in a file)
 * @param holdsCode whether the image holds bytes of it that are not all zero (false also when it
 *     holds none: then its contents are unknown)
 */
public record AnonymousCode(Mapping mapping, byte[] firstBytes, long fileOffset, boolean holdsCode) {

    public AnonymousCode {
        firstBytes = firstBytes.clone();
    }

    @Override
    public byte[] firstBytes() {
        return firstBytes.clone();
    }

    /** True when the image holds none of its bytes. */
    public boolean notInImage() {
        return mapping.presentBytes() == 0;
    }
}
