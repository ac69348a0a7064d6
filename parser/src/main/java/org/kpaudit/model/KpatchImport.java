package org.kpaudit.model;

/**
 * A symbol the patch needs from the target process: an undefined GLOBAL symbol of the patch's
 * {@code .symtab}, named {@code name@version} by the LibcarePlus tool chain.
 *
 * @param rawName the symbol name as stored ({@code printf@GLIBC_2.2.5})
 * @param name the name without its version ({@code printf})
 * @param version the version ({@code GLIBC_2.2.5}), or null when the name carries none
 * @param defaultVersion true for {@code name@@version}
 */
public record KpatchImport(
        long symbolIndex,
        String rawName,
        String name,
        String version,
        boolean defaultVersion,
        Code type,
        Code bind) {
}
