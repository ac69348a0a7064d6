package org.kpaudit.analyzer.scan;

import java.util.regex.Pattern;

/** GNU build-ids as lookup keys: lower-case hex, checked before they become part of a path or a URL. */
final class BuildIds {

    /** NT_GNU_BUILD_ID is 20 bytes (sha1) by default, 16 with md5/uuid; allow 2 to 64 bytes. */
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,128}");

    private BuildIds() {
    }

    /** True when {@code id} is an even number of lower-case hex digits of a sane length. */
    static boolean valid(String id) {
        return id != null && id.length() % 2 == 0 && HEX.matcher(id).matches();
    }
}
