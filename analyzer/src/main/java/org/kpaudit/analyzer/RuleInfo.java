package org.kpaudit.analyzer;

/** A check's {@link Rule} as a value (for reports and the rule catalogue). */
public record RuleInfo(String id, String name, Severity severity, String summary, String help, String subject) {

    static RuleInfo of(Class<?> checkClass, String subject) {
        Rule r = checkClass.getAnnotation(Rule.class);
        if (r == null) {
            throw new IllegalStateException(checkClass.getName() + " has no @Rule");
        }
        return new RuleInfo(r.id(), r.name(), r.severity(), r.summary(), r.help(), subject);
    }
}
