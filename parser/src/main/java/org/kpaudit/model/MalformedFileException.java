package org.kpaudit.model;

/**
 * Thrown when a file, or a part of it read lazily, is malformed. Carries the {@link Problem}
 * that describes it; callers report that problem for the file and go on with other files.
 */
public class MalformedFileException extends RuntimeException {

    private final transient Problem problem;

    public MalformedFileException(Problem problem) {
        super(problem.file() + (problem.offset() >= 0 ? " at offset 0x" + Long.toHexString(problem.offset()) : "")
                + ": " + problem.reason());
        this.problem = problem;
    }

    public MalformedFileException(Problem problem, Throwable cause) {
        this(problem);
        initCause(cause);
    }

    public Problem problem() {
        return problem;
    }
}
