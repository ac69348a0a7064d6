package org.kpaudit.model;

/**
 * A numeric constant read from a file, kept beside the name the format gives it.
 *
 * <p>Unknown values are preserved: {@code name} is {@code null} when the number has no name
 * in the format's enumeration (for example a relocation type this build does not know).
 *
 * @param value the raw number, unsigned
 * @param name the constant's name without its prefix ({@code PROGBITS}, {@code FUNC},
 *     {@code R_X86_64_PC32}), or {@code null}
 */
public record Code(long value, String name) {

    public static Code of(long value, String name) {
        return new Code(value, name);
    }

    public static Code unknown(long value) {
        return new Code(value, null);
    }

    public boolean known() {
        return name != null;
    }

    /** True when this constant has the given name. */
    public boolean is(String other) {
        return name != null && name.equals(other);
    }
}
