package org.kpaudit.model;

/** One entry of the auxiliary vector (NT_AUXV): {@code type} is AT_*, named when known. */
public record AuxvEntry(Code type, long value) {
}
