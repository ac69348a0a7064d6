package org.kpaudit.analyzer.scan;

/**
 * {@code KPATCH1\0} at a page start that is not an applied patch region: a copy of a patch file
 * in memory (run-time fields all zero) or a header that cannot be read.
 *
 * @param address where the magic is
 * @param fileOffset where it is in the core file (-1 for a live process)
 * @param mapping the mapping it lies in ({@code path} or {@code [anonymous] r-x})
 * @param id the header id when readable
 * @param reason why it is not taken for an applied patch
 */
public record StrayHeader(long address, long fileOffset, String mapping, String id, String reason) {
}
