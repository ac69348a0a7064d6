package org.kpaudit.analyzer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The metadata of a check, in one place (like Error Prone's {@code @BugPattern}): every check
 * class carries exactly one. {@code kpaudit checks} prints these, SARIF lists them as
 * {@code tool.driver.rules}, and every finding refers to its check by {@link #id()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Rule {

    /** Stable id, never reused: {@code KP101}. Prefixes: KP kpatch, KC kpatch chains, KL livepatch, SC scans. */
    String id();

    /** Short kebab-case name: {@code build-id-mismatch}. */
    String name();

    /** Default severity of its findings. */
    Severity severity();

    /** One line: what the check finds. */
    String summary();

    /** A paragraph: why it matters, what to do about it, and the source of the rule. */
    String help();
}
