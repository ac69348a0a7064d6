package org.kpaudit.analyzer;

/**
 * Where a finding applies: a byte range in a file plus a logical place.
 *
 * @param file the input file (as given by the user, or {@code archive!member})
 * @param byteOffset offset of the offending bytes in the file, or -1 when the finding is not
 *     about particular bytes
 * @param byteLength length of the offending bytes (0 when unknown)
 * @param patch the patch the finding is about (id, or the file name), or null
 * @param section section name, or null
 * @param symbol symbol name, or null
 * @param function function name, or null
 */
public record Location(
        String file,
        long byteOffset,
        long byteLength,
        String patch,
        String section,
        String symbol,
        String function) {

    public static Location ofFile(String file) {
        return new Location(file, -1, 0, null, null, null, null);
    }

    public Location withBytes(long offset, long length) {
        return new Location(file, offset, length, patch, section, symbol, function);
    }

    public Location withPatch(String p) {
        return new Location(file, byteOffset, byteLength, p, section, symbol, function);
    }

    public Location withSection(String s) {
        return new Location(file, byteOffset, byteLength, patch, s, symbol, function);
    }

    public Location withSymbol(String s) {
        return new Location(file, byteOffset, byteLength, patch, section, s, function);
    }

    public Location withFunction(String f) {
        return new Location(file, byteOffset, byteLength, patch, section, symbol, f);
    }
}
