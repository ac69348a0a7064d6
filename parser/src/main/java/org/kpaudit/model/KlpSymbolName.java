package org.kpaudit.model;

/**
 * The parts of a livepatch symbol name {@code .klp.sym.<object>.<symbol>,<sympos>}, split the
 * way the kernel reads it ({@code kernel/livepatch/core.c klp_resolve_symbols()}:
 * {@code sscanf(name, ".klp.sym.%55[^.].%511[^,],%lu", ...)} must yield 3 fields) but without
 * the length limits, so that a checker can say which limit a name breaks.
 *
 * @param raw the whole symbol name
 * @param objectName the text between the prefix and the next {@code .}, or {@code null}
 * @param symbolName the text after that {@code .} up to the next {@code ,}, or {@code null}
 * @param sympos the decimal number after the {@code ,}, or {@code null}
 * @param problem why the name does not have the three parts, or {@code null} when it does
 */
public record KlpSymbolName(String raw, String objectName, String symbolName, Long sympos, String problem) {

    public static final String PREFIX = ".klp.sym.";

    public boolean wellFormed() {
        return problem == null;
    }

    public static boolean hasPrefix(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    public static KlpSymbolName parse(String name) {
        if (!hasPrefix(name)) {
            return new KlpSymbolName(name, null, null, null, "does not start with " + PREFIX);
        }
        int p = PREFIX.length();
        int dot = name.indexOf('.', p);
        if (dot == p) {
            return new KlpSymbolName(name, null, null, null, "no object name after " + PREFIX);
        }
        if (dot < 0) {
            return new KlpSymbolName(name, name.substring(p), null, null,
                    "no '.' between the object name and the symbol name");
        }
        String obj = name.substring(p, dot);
        int comma = name.indexOf(',', dot + 1);
        if (comma == dot + 1) {
            return new KlpSymbolName(name, obj, null, null, "no symbol name after the object name");
        }
        if (comma < 0) {
            return new KlpSymbolName(name, obj, name.substring(dot + 1), null, "no ',<sympos>' after the symbol name");
        }
        String sym = name.substring(dot + 1, comma);
        // %lu: optional white space and sign, then at least one decimal digit; the rest is ignored
        int i = comma + 1;
        while (i < name.length() && Character.isWhitespace(name.charAt(i))) {
            i++;
        }
        if (i < name.length() && (name.charAt(i) == '+' || name.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < name.length() && name.charAt(i) >= '0' && name.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            return new KlpSymbolName(name, obj, sym, null, "the sympos after ',' is not a decimal number");
        }
        Long pos;
        try {
            pos = Long.parseUnsignedLong(name.substring(digits, i));
        } catch (NumberFormatException e) {
            return new KlpSymbolName(name, obj, sym, null, "the sympos after ',' does not fit in an unsigned long");
        }
        return new KlpSymbolName(name, obj, sym, pos, null);
    }
}
