package org.kpaudit.model;

/**
 * One {@code __versions} entry (CONFIG_MODVERSIONS): a symbol the module uses and the CRC
 * it was built against.
 */
public record ModuleVersion(String name, long crc, long fileOffset) {
}
