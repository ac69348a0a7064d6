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
 * @param object the mapped object (in a process image) the finding is about, by its path, or null
 */
public record Location(
        String file,
        long byteOffset,
        long byteLength,
        String patch,
        String section,
        String symbol,
        String function,
        String object) {

    public Location(String file, long byteOffset, long byteLength, String patch, String section, String symbol,
            String function) {
        this(file, byteOffset, byteLength, patch, section, symbol, function, null);
    }

    public static Location ofFile(String file) {
        return new Location(file, -1, 0, null, null, null, null, null);
    }

    public Location withBytes(long offset, long length) {
        return new Location(file, offset, length, patch, section, symbol, function, object);
    }

    public Location withPatch(String p) {
        return new Location(file, byteOffset, byteLength, p, section, symbol, function, object);
    }

    public Location withSection(String s) {
        return new Location(file, byteOffset, byteLength, patch, s, symbol, function, object);
    }

    public Location withSymbol(String s) {
        return new Location(file, byteOffset, byteLength, patch, section, s, function, object);
    }

    public Location withFunction(String f) {
        return new Location(file, byteOffset, byteLength, patch, section, symbol, f, object);
    }

    public Location withObject(String o) {
        return new Location(file, byteOffset, byteLength, patch, section, symbol, function, o);
    }
}
