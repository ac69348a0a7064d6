package org.kpaudit.parser;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes names read from files. Valid UTF-8 is decoded as such; a name with invalid UTF-8
 * keeps its valid characters and shows every other byte as {@code \xNN}, so no byte is lost
 * silently and no replacement character hides a difference between two names.
 */
public final class Names {

    private Names() {
    }

    public static String decode(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return decodeLenient(bytes);
        }
    }

    /** Decodes byte by byte: each valid UTF-8 sequence as its character, each other byte as {@code \xNN}. */
    private static String decodeLenient(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int len = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
            if (len > 0 && i + len <= bytes.length) {
                try {
                    CharBuffer cb = dec.reset().decode(ByteBuffer.wrap(bytes, i, len));
                    sb.append(cb);
                    i += len;
                    continue;
                } catch (CharacterCodingException ignored) {
                    // fall through: show the byte
                }
            }
            sb.append(String.format("\\x%02x", b));
            i++;
        }
        return sb.toString();
    }

    /** Bytes up to the first NUL (or all of them). */
    public static String decodeCString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        if (n == bytes.length) {
            return decode(bytes);
        }
        byte[] cut = new byte[n];
        System.arraycopy(bytes, 0, cut, 0, n);
        return decode(cut);
    }
}
