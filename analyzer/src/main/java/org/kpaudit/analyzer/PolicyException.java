package org.kpaudit.analyzer;

/** A policy file that cannot be used: unreadable, not YAML, an unknown key, a bad glob or value. */
public class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
