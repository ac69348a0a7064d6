package org.kpaudit.analyzer;

/**
 * One check: a small class with a {@link Rule} annotation that looks at one kind of subject
 * and reports findings. Checks are independent of each other and listed in {@link CheckRegistry}.
 *
 * @param <S> what the check looks at (a patch with its target, a chain of patches, ...)
 */
public abstract class Check<S> {

    private final RuleInfo rule;

    protected Check() {
        this.rule = RuleInfo.of(getClass(), subject());
    }

    public final RuleInfo rule() {
        return rule;
    }

    /** The kind of subject, for the catalogue: {@code patch}, {@code chain}, {@code module} ... */
    protected abstract String subject();

    /** Looks at {@code subject} and reports what is wrong through {@code out}. */
    public abstract void check(S subject, Findings out);
}
