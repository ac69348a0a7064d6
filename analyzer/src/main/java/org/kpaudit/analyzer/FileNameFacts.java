package org.kpaudit.analyzer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a patch's path says about it, in the two storage conventions of LibcarePlus
 * (kpatch-format.md section 8, {@code lcp:src/kpatch_storage.c pathtemplates[]}):
 * {@code <dir>/<bid>.kpatch}, and {@code <dir>/<bid>/<level>/kpatch.bin} with a {@code latest}
 * symbolic link naming the current level. Archive members ({@code a.tgz!x/y}) count by their path
 * inside the archive.
 *
 * @param fileName the last path component
 * @param buildIdFromName the build-id the path names, or null when it names none
 * @param level the level directory of the storage layout, or null
 * @param layout which convention the path follows
 * @param storageDir the {@code <dir>/<bid>} part of a storage layout path (as displayed), else null
 */
public record FileNameFacts(String fileName, String buildIdFromName, Integer level, Layout layout, String storageDir) {

    /** The naming convention a path follows. */
    public enum Layout {
        /** {@code <bid>.kpatch}: what libcare-patch-make writes to patchroot/. */
        FLAT,
        /** {@code <bid>/<level>/kpatch.bin}. */
        STORAGE,
        /** {@code <bid>/latest/kpatch.bin}: the level is the target of the latest link. */
        STORAGE_LATEST,
        /** Any other name: nothing to compare. */
        OTHER
    }

    private static final Pattern FLAT = Pattern.compile("([0-9A-Fa-f]{40})\\.kpatch");
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{40}");

    public static FileNameFacts of(String displayPath) {
        String p = displayPath.replace('!', '/').replace('\\', '/');
        String[] parts = p.split("/+");
        String file = parts.length == 0 ? p : parts[parts.length - 1];
        Matcher m = FLAT.matcher(file);
        if (m.matches()) {
            return new FileNameFacts(file, m.group(1), null, Layout.FLAT, null);
        }
        if (file.equals("kpatch.bin") && parts.length >= 3 && HEX.matcher(parts[parts.length - 3]).matches()) {
            String lvl = parts[parts.length - 2];
            String dir = displayPath.substring(0, displayPath.length() - ("/" + lvl + "/" + file).length());
            if (lvl.equals("latest")) {
                return new FileNameFacts(file, parts[parts.length - 3], null, Layout.STORAGE_LATEST, dir);
            }
            if (lvl.matches("[0-9]{1,9}")) {
                return new FileNameFacts(file, parts[parts.length - 3], Integer.parseInt(lvl), Layout.STORAGE, dir);
            }
        }
        return new FileNameFacts(file, null, null, Layout.OTHER, null);
    }
}
