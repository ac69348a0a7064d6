package org.kpaudit.model;

/**
 * The NT_PRPSINFO note of a core dump.
 *
 * @param state numeric process state
 * @param stateLetter the state as a letter ({@code R}, {@code S}, {@code D} ...)
 * @param fname the executable's name (comm), up to 15 characters
 * @param psargs the start of the command line (80 bytes at most)
 */
public record CoreProcessInfo(int state, char stateLetter, int zombie, int nice, long flags, long uid, long gid,
        long pid, long ppid, long pgrp, long sid, String fname, String psargs) {
}
