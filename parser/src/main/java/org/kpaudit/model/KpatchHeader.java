package org.kpaudit.model;

/**
 * The fixed header of a {@code .kpatch} file (struct kpatch_file), in any layout.
 *
 * <p>Fields a layout lacks are {@code null} ({@code id} in V0, {@code elfOffset} before V3,
 * {@code kpatchTotalMemSize} before V4). The run-time fields are 0 in files written by
 * {@code kpatch_make} and filled in the copy that starts a patch region in a process.
 *
 * @param magic the 8 magic bytes as text ({@code "KPATCH1\0"})
 * @param id the patch id up to its NUL (null in V0)
 * @param idBytes the raw id bytes (8), or null in V0
 * @param buildId the target build-id text up to its NUL ({@code buildid[41]} or {@code uname[256]})
 * @param buildIdField the size of the build-id field in this layout (41 or 256)
 * @param buildIdOffset file offset of the build-id field
 * @param modulename kernel-era module name (empty in user-space patches)
 */
public record KpatchHeader(
        LayoutVersion layout,
        String magic,
        String id,
        byte[] idBytes,
        int flags,
        Code safetyMethod,
        String modulename,
        String buildId,
        int buildIdField,
        long buildIdOffset,
        long buildTime,
        long csum,
        long nrReloc,
        long kpatchOffset,
        long relOffset,
        long totalSize,
        long jmpOffset,
        Long elfOffset,
        Long kpatchTotalMemSize,
        long userUndo,
        long userInfo,
        long userLevel,
        String srcversion) {

    public KpatchHeader {
        idBytes = idBytes == null ? null : idBytes.clone();
    }

    @Override
    public byte[] idBytes() {
        return idBytes == null ? null : idBytes.clone();
    }

    public int headerSize() {
        return layout.headerSize();
    }
}
