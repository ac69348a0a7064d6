package org.kpaudit.model;

/**
 * One entry of a core dump's NT_FILE table: a file mapped at [start, end) from {@code fileOffset}.
 *
 * @param fileOffset offset in the file, in bytes (the note's page units already applied)
 * @param path the file name as the kernel (or gdb) wrote it; null when the note lacks it
 */
public record FileMapping(int index, long start, long end, long fileOffset, String path) {
}
