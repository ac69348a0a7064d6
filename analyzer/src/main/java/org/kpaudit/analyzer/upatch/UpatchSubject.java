package org.kpaudit.analyzer.upatch;

import org.kpaudit.analyzer.Location;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.UpatchPatch;

/**
 * A SysCare upatch object with the target it was checked against.
 *
 * @param display the file's name in reports
 * @param patch the decoded object
 * @param target the target ELF found by the build-id of the patch's notes (or the single --target), or null
 * @param targetPath its path, or null
 */
public record UpatchSubject(String display, UpatchPatch patch, ElfFile target, String targetPath) {

    /** 14 bytes on x86_64 (ff 25 00 00 00 00 + address), 16 on aarch64 and riscv64 (upatch-format.md 5). */
    public int trampolineSize() {
        return patch.elf().header().machine().value() == 62 ? 14 : 16;
    }

    public Location at(long offset, long length) {
        return Location.ofFile(display).withBytes(offset, length);
    }

    public Location where() {
        return Location.ofFile(display);
    }
}
