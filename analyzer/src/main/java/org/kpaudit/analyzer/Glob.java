package org.kpaudit.analyzer;

import java.util.regex.Pattern;

/**
 * A shell-style glob on names: {@code *} any run of characters, {@code ?} one character,
 * {@code [abc]} / {@code [a-z]} / {@code [!x]} a character class, {@code \} escapes the next
 * character. Everything else matches itself (so {@code ::}, {@code .} and {@code @} are literal).
 */
public final class Glob {

    private final String text;
    private final Pattern pattern;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
    }

    /** Compiles a glob; a malformed one throws {@link IllegalArgumentException} saying why. */
    public static Glob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw new IllegalArgumentException("glob '" + glob + "' ends with a lone backslash");
                    }
                    re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("glob '" + glob + "' has an unclosed '[' at position " + i);
                    }
                    String body = glob.substring(i + 1, end);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    if (body.isEmpty()) {
                        throw new IllegalArgumentException("glob '" + glob + "' has an empty character class");
                    }
                    StringBuilder cls = new StringBuilder(negate ? "[^" : "[");
                    for (int k = 0; k < body.length(); k++) {
                        char b = body.charAt(k);
                        if (b == '-' && k > 0 && k < body.length() - 1) {
                            if (body.charAt(k - 1) > body.charAt(k + 1)) {
                                throw new IllegalArgumentException("glob '" + glob + "' has a reversed range "
                                        + body.charAt(k - 1) + "-" + body.charAt(k + 1));
                            }
                            cls.append('-');
                        } else {
                            cls.append(Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\" + b);
                        }
                    }
                    re.append(cls).append(']');
                    i = end;
                }
                case ']' -> throw new IllegalArgumentException("glob '" + glob + "' has a ']' without '['");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return new Glob(glob, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    public boolean matches(String name) {
        return name != null && pattern.matcher(name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
