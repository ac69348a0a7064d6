package org.kpaudit.analyzer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Demangles the simple cases of the Itanium C++ ABI mangling (itanium-cxx-abi.github.io,
 * "External Names"): {@code _Z} plus a plain or nested name (namespaces, classes, constructors
 * and destructors, {@code std::}, ABI tags, the anonymous namespace) and a parameter list of
 * builtin types with pointer, reference and const qualifiers. Templates, substitutions and
 * other rarer productions are not demangled: {@link #demangle} then gives the qualified name
 * without parameters when it can, or nothing.
 */
public final class Demangler {

    private final String s;
    private int p;
    private final List<String> names = new ArrayList<>();

    private Demangler(String s) {
        this.s = s;
    }

    /** The demangled form, e.g. {@code shop::Inventory::take(int)}; empty for non-mangled names. */
    public static Optional<String> demangle(String mangled) {
        if (mangled == null || !mangled.startsWith("_Z") || mangled.length() < 3) {
            return Optional.empty();
        }
        String body = mangled;
        int dot = mangled.indexOf('.');
        String suffix = "";
        if (dot > 0) {
            body = mangled.substring(0, dot);
            suffix = " [clone " + mangled.substring(dot) + "]";
        }
        Demangler d = new Demangler(body);
        d.p = 2;
        try {
            String name = d.name();
            if (name == null) {
                return Optional.empty();
            }
            if (d.p >= d.s.length()) {
                return Optional.of(name + suffix);
            }
            String params = d.params();
            return Optional.of(name + (params == null ? "" : params) + suffix);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The qualified name without the parameter list ({@code shop::Inventory::take}), or empty. */
    public static Optional<String> qualifiedName(String mangled) {
        return demangle(mangled).map(d -> {
            int paren = d.indexOf('(');
            return paren > 0 ? d.substring(0, paren) : d;
        });
    }

    private char peek() {
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private String name() {
        if (peek() == 'N') {
            p++;
            while (peek() == 'K' || peek() == 'V' || peek() == 'r') {
                p++;
            }
            List<String> parts = new ArrayList<>();
            while (peek() != 'E') {
                String part = component(parts);
                if (part == null) {
                    return null;
                }
                parts.add(part);
            }
            p++;
            return String.join("::", parts);
        }
        if (s.startsWith("St", p)) {
            p += 2;
            String n = sourceName();
            return n == null ? null : "std::" + n + abiTags();
        }
        String n = sourceName();
        return n == null ? null : n + abiTags();
    }

    private String component(List<String> before) {
        char c = peek();
        if (c == 'S' && p + 1 < s.length() && s.charAt(p + 1) == 't') {
            p += 2;
            return "std";
        }
        if (c == 'C' && p + 1 < s.length() && "123".indexOf(s.charAt(p + 1)) >= 0) {
            p += 2;
            return before.isEmpty() ? null : last(before.get(before.size() - 1));
        }
        if (c == 'D' && p + 1 < s.length() && "012".indexOf(s.charAt(p + 1)) >= 0) {
            p += 2;
            return before.isEmpty() ? null : "~" + last(before.get(before.size() - 1));
        }
        if (Character.isDigit(c)) {
            String n = sourceName();
            return n + abiTags();
        }
        return null;
    }

    private static String last(String component) {
        int b = component.indexOf('[');
        return b > 0 ? component.substring(0, b) : component;
    }

    private String sourceName() {
        int start = p;
        while (Character.isDigit(peek())) {
            p++;
        }
        if (start == p) {
            return null;
        }
        int len = Integer.parseInt(s.substring(start, p));
        if (len <= 0 || p + len > s.length()) {
            throw new IllegalStateException("bad length");
        }
        String id = s.substring(p, p + len);
        p += len;
        if (id.startsWith("_GLOBAL__N")) {
            id = "(anonymous namespace)";
        }
        names.add(id);
        return id;
    }

    private String abiTags() {
        StringBuilder sb = new StringBuilder();
        while (peek() == 'B') {
            p++;
            String t = sourceName();
            if (t == null) {
                throw new IllegalStateException("bad abi tag");
            }
            sb.append("[abi:").append(t).append(']');
        }
        return sb.toString();
    }

    private String params() {
        List<String> types = new ArrayList<>();
        while (p < s.length()) {
            String t = type();
            if (t == null) {
                return null;
            }
            types.add(t);
        }
        if (types.size() == 1 && types.get(0).equals("void")) {
            return "()";
        }
        return "(" + String.join(", ", types) + ")";
    }

    private String type() {
        char c = peek();
        p++;
        return switch (c) {
            case 'v' -> "void";
            case 'b' -> "bool";
            case 'c' -> "char";
            case 'a' -> "signed char";
            case 'h' -> "unsigned char";
            case 's' -> "short";
            case 't' -> "unsigned short";
            case 'i' -> "int";
            case 'j' -> "unsigned int";
            case 'l' -> "long";
            case 'm' -> "unsigned long";
            case 'x' -> "long long";
            case 'y' -> "unsigned long long";
            case 'f' -> "float";
            case 'd' -> "double";
            case 'e' -> "long double";
            case 'w' -> "wchar_t";
            case 'z' -> "...";
            case 'P' -> suffixed("*");
            case 'R' -> suffixed("&");
            case 'O' -> suffixed("&&");
            case 'K' -> {
                String t = type();
                yield t == null ? null : t + " const";
            }
            default -> {
                p--;
                if (Character.isDigit(c) || c == 'N') {
                    yield name();
                }
                yield null;
            }
        };
    }

    private String suffixed(String q) {
        String t = type();
        return t == null ? null : t + q;
    }
}
