package org.kpaudit.parser;

import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;

/**
 * The resource budget of one input file: parser time spent on it, and bytes scanned while
 * reading names (hostile string tables can make many symbols point into one long unterminated
 * name). Loops call {@link #tick} every so often; exceeding a budget ends the work on that file
 * with a clear {@link MalformedFileException}, and the run goes on with the other files.
 *
 * <p>Limits come from the system properties {@code kpaudit.timeBudgetSeconds} (default 60) and
 * {@code kpaudit.nameBudgetFactor} (default 8: names may scan 8 x the file size plus 64 MiB).
 */
public final class Budget {

    /** Loops check the clock once per this many iterations. */
    public static final int TICK = 1 << 14;

    private final String file;
    private final long timeBudgetNanos;
    private final long nameBudget;
    private long spentNanos;
    private long opStart = -1;
    private int depth;
    private long nameBytes;

    Budget(String file, long fileSize) {
        this.file = file;
        this.timeBudgetNanos = Long.getLong("kpaudit.timeBudgetSeconds", 60L) * 1_000_000_000L;
        long factor = Long.getLong("kpaudit.nameBudgetFactor", 8L);
        this.nameBudget = (64L << 20) + factor * fileSize;
    }

    /** Starts timing a lazy operation (nested calls count once). */
    synchronized void enter() {
        if (depth++ == 0) {
            opStart = System.nanoTime();
        }
    }

    synchronized void exit() {
        if (--depth == 0) {
            spentNanos += System.nanoTime() - opStart;
            opStart = -1;
        }
    }

    /** Fails when the parser has spent more than its time budget on this file. */
    void tick(long offset) {
        long now = System.nanoTime();
        long spent = spentNanos + (opStart < 0 ? 0 : now - opStart);
        if (spent > timeBudgetNanos) {
            throw new MalformedFileException(new Problem(file, offset, "time budget of "
                    + timeBudgetNanos / 1_000_000_000L + " s for this file exceeded (kpaudit.timeBudgetSeconds)"));
        }
    }

    /** Counts bytes scanned for a name; fails when names overlap far more than any real string table allows. */
    void names(long bytes, long offset) {
        nameBytes += bytes;
        if (nameBytes > nameBudget) {
            throw new MalformedFileException(new Problem(file, offset, "names read from string tables exceed "
                    + nameBudget + " bytes (8 x the file size + 64 MiB): the string table is built to make names"
                    + " overlap"));
        }
    }
}
