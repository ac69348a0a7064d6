package org.kpaudit.model;

/**
 * One {@code struct klp_state} a patch declares (Linux 5.5+): a system state id and version
 * that later patches must keep (klp_is_patch_compatible()).
 *
 * @param id the state id (unsigned)
 * @param version the state version (unsigned int)
 * @param fileOffset where the entry is in the file, or -1 when it is in a NOBITS section
 */
public record KlpState(long id, long version, long fileOffset) {
}
