package org.kpaudit.analyzer;

import java.util.List;

/**
 * Several patches for the same build-id, in the order they would be applied: the level order of
 * a storage layout ({@code <bid>/<level>/kpatch.bin}), else the order the user named them.
 *
 * @param buildId the build-id the chain is for (the storage directory's name, else the headers')
 * @param members the patches, first applied first
 * @param storageDir the {@code <dir>/<bid>} storage directory when the patches come from one, else null
 * @param latest the target of its {@code latest} link, or null
 * @param evidence where the order was seen applied (a core that holds the members, applied in this
 *     order), or null for a chain formed from the files
 */
public record ChainSubject(String buildId, List<PatchSubject> members, String storageDir, String latest,
        String evidence) {

    public ChainSubject {
        members = List.copyOf(members);
    }

    public ChainSubject(String buildId, List<PatchSubject> members, String storageDir, String latest) {
        this(buildId, members, storageDir, latest, null);
    }

    /** A location naming the chain's first patch file. */
    public Location where() {
        return Location.ofFile(members.get(0).display()).withPatch(buildId);
    }
}
