meta:
  id: kpatch
  title: LibCare / LibcarePlus user-space live patch (.kpatch)
  application:
    - LibcarePlus (openEuler) kpatch_make, libcare-ctl
    - LibCare (CloudLinux) kpatch_make, libcare-ctl
  file-extension:
    - kpatch
    - bin
  license: Apache-2.0
  ks-version: 0.11
  endian: le
  imports:
    - elf
doc: |
  A `.kpatch` file is a fixed header (`struct kpatch_file`) followed by one ELF64
  relocatable object (the new code, `.kpatch.info` records and their relocations)
  and zero padding to a multiple of 16 bytes. There is no version field: five header
  layouts (V0 to V4) share the magic `KPATCH1\0`. They are told apart by the pair
  (kpatch_offset, rel_offset), which `kpatch_make` always sets to sizeof(header), see
  `layout`. The header is dumped from memory in host byte order; every known producer
  (x86_64, aarch64, riscv64, loongarch64) is little-endian.

  The same header, with its run-time fields filled in, starts every patch region that
  `libcare-ctl` maps into a patched process.
doc-ref:
  - https://gitee.com/openeuler/libcareplus src/include/kpatch_file.h (struct kpatch_file, struct kpatch_info), commit 7770810
  - https://github.com/cloudlinux/libcare src/kpatch_file.h (upstream V0 layout), commit 40f1243
  - https://gitee.com/openeuler/libcareplus src/kpatch_make.c make_file() (how the header is filled)
  - kpaudit docs, kpatch-format.md sections 1 and 2 (layout history V0 to V4, detection rule)
seq:
  - id: magic
    size: 8
    valid: '[0x4b, 0x50, 0x41, 0x54, 0x43, 0x48, 0x31, 0x00]'
    doc: KPATCH_FILE_MAGIC1, "KPATCH1\0", compared over all 8 bytes by the loader.
instances:
  layout:
    doc: |
      The header layout, detected from the pairs of u32 values that equal sizeof(header)
      in each layout (kpatch_offset == rel_offset). Checked in the order V4, V3, V2, V1, V0;
      0xff (`unknown`) when no pair matches.
    doc-ref: kpatch-format.md section 1.4
    value: >-
      (_io.size >= 160 and probe_152 == 504 and probe_156 == 504) ? 4 :
      ((_io.size >= 160 and probe_152 == 496 and probe_156 == 496) ? 3 :
      ((_io.size >= 176 and probe_168 == 504 and probe_172 == 504) ? 2 :
      ((_io.size >= 368 and probe_360 == 696 and probe_364 == 696) ? 1 :
      ((_io.size >= 360 and probe_352 == 688 and probe_356 == 688) ? 0 : 255))))
    enum: layout_version
  probe_152:
    pos: 152
    type: u4
    if: _io.size >= 160
  probe_156:
    pos: 156
    type: u4
    if: _io.size >= 160
  probe_168:
    pos: 168
    type: u4
    if: _io.size >= 176
  probe_172:
    pos: 172
    type: u4
    if: _io.size >= 176
  probe_352:
    pos: 352
    type: u4
    if: _io.size >= 360
  probe_356:
    pos: 356
    type: u4
    if: _io.size >= 360
  probe_360:
    pos: 360
    type: u4
    if: _io.size >= 368
  probe_364:
    pos: 364
    type: u4
    if: _io.size >= 368
  kpatch_offset:
    doc: File offset of the embedded ELF in the detected layout (0 when the layout is unknown).
    value: >-
      layout == layout_version::v4 ? header_v4.kpatch_offset :
      (layout == layout_version::v3 ? header_v3.kpatch_offset :
      (layout == layout_version::v2 ? header_v2.kpatch_offset :
      (layout == layout_version::v1 ? header_v1.kpatch_offset :
      (layout == layout_version::v0 ? header_v0.kpatch_offset : 0))))
  embedded_elf:
    doc: The ELF relocatable object that holds the patch (ends at total_size, before the zero padding).
    pos: kpatch_offset
    size: _io.size - kpatch_offset
    type: elf
    if: layout != layout_version::unknown and kpatch_offset >= 8 and kpatch_offset < _io.size
  header_v4:
    pos: 0
    type: header_v4
    if: layout == layout_version::v4 and _io.size >= 504
  header_v3:
    pos: 0
    type: header_v3
    if: layout == layout_version::v3 and _io.size >= 496
  header_v2:
    pos: 0
    type: header_v2
    if: layout == layout_version::v2 and _io.size >= 504
  header_v1:
    pos: 0
    type: header_v1
    if: layout == layout_version::v1 and _io.size >= 696
  header_v0:
    pos: 0
    type: header_v0
    if: layout == layout_version::v0 and _io.size >= 688
types:
  header_v4:
    doc: |
      The current layout (libcareplus >= 1.0.0), 504 bytes. Written by kpatch_make with
      kpatch_offset = rel_offset = 504, total_size = 504 + ALIGN(elf size, 16), csum = 0,
      nr_reloc = 0 and all run-time fields 0.
    doc-ref: libcareplus src/include/kpatch_file.h struct kpatch_file (commit 7979770 and later)
    seq:
      - id: magic
        size: 8
      - id: id
        size: 8
        doc: Patch id, NUL-terminated (at most 7 characters).
      - id: flags
        type: u1
      - id: safety_method_raw
        type: u1
        doc: Kernel-era safety method (0 in every user-space patch); see the `safety_method` enum.
      - id: pad
        size: 6
      - id: modulename
        size: 64
      - id: buildid
        size: 41
        doc: Target GNU build-id as 40 lowercase hex characters and a NUL.
      - id: pad1
        size: 7
      - id: build_time
        type: u8
      - id: csum
        type: u4
      - id: nr_reloc
        type: u4
      - id: kpatch_offset
        type: u4
      - id: rel_offset
        type: u4
      - id: total_size
        type: u4
      - id: jmp_offset
        type: u4
        doc: Run time, in the patch region of a process - offset of the jump table (0 without imports).
      - id: elf_offset
        type: u4
        doc: Run time - offset of the relocated ELF copy in the patch region.
      - id: pad2
        size: 4
      - id: kpatch_total_mem_sz
        type: u8
        doc: Run time - size of the patch region.
      - id: entries
        type: runtime_entries
      - id: srcversion
        size: 25
      - id: pad3
        size: 231
    instances:
      safety_method:
        value: safety_method_raw
        enum: safety_method

  header_v3:
    doc: Development layout of Aug 2021 (commit 49d28ba), 496 bytes; no kpatch_total_mem_sz.
    doc-ref: libcareplus src/include/kpatch_file.h history, commit 49d28ba
    seq:
      - id: magic
        size: 8
      - id: id
        size: 8
      - id: flags
        type: u1
      - id: safety_method_raw
        type: u1
        doc: Kernel-era safety method (0 in every user-space patch); see the `safety_method` enum.
      - id: pad
        size: 6
      - id: modulename
        size: 64
      - id: buildid
        size: 41
      - id: pad1
        size: 7
      - id: build_time
        type: u8
      - id: csum
        type: u4
      - id: nr_reloc
        type: u4
      - id: kpatch_offset
        type: u4
      - id: rel_offset
        type: u4
      - id: total_size
        type: u4
      - id: jmp_offset
        type: u4
      - id: elf_offset
        type: u4
      - id: pad2
        size: 4
      - id: entries
        type: runtime_entries
      - id: srcversion
        size: 25
      - id: pad3
        size: 231
    instances:
      safety_method:
        value: safety_method_raw
        enum: safety_method

  header_v2:
    doc: Development layout of Mar 2021 (commit b99f1f1, "rename uname to buildid"), 504 bytes.
    doc-ref: libcareplus src/include/kpatch_file.h history, commit b99f1f1
    seq:
      - id: magic
        size: 8
      - id: id
        size: 8
      - id: flags
        type: u1
      - id: safety_method_raw
        type: u1
        doc: Kernel-era safety method (0 in every user-space patch); see the `safety_method` enum.
      - id: pad
        size: 6
      - id: modulename
        size: 64
      - id: buildid
        size: 41
      - id: pad1
        size: 23
      - id: build_time
        type: u8
      - id: csum
        type: u4
      - id: nr_reloc
        type: u4
      - id: kpatch_offset
        type: u4
      - id: rel_offset
        type: u4
      - id: total_size
        type: u4
      - id: jmp_offset
        type: u4
      - id: entries
        type: runtime_entries
      - id: srcversion
        size: 25
      - id: pad3
        size: 231
    instances:
      safety_method:
        value: safety_method_raw
        enum: safety_method

  header_v1:
    doc: Development layout of Dec 2020 (commit 2e398b2, "introduce patch-id"), 696 bytes - V0 with id[8] at offset 8.
    doc-ref: libcareplus src/include/kpatch_file.h history, commit 2e398b2
    seq:
      - id: magic
        size: 8
      - id: id
        size: 8
      - id: flags
        type: u1
      - id: safety_method_raw
        type: u1
        doc: Kernel-era safety method (0 in every user-space patch); see the `safety_method` enum.
      - id: pad
        size: 6
      - id: modulename
        size: 64
      - id: uname
        size: 256
        doc: Holds the target build-id hex string (kpatch_make -b).
      - id: build_time
        type: u8
      - id: csum
        type: u4
      - id: nr_reloc
        type: u4
      - id: kpatch_offset
        type: u4
      - id: rel_offset
        type: u4
      - id: total_size
        type: u4
      - id: jmp_offset
        type: u4
      - id: entries
        type: runtime_entries
      - id: srcversion
        size: 25
      - id: pad2
        size: 231
    instances:
      safety_method:
        value: safety_method_raw
        enum: safety_method

  header_v0:
    doc: |
      Upstream LibCare and libcareplus 0.1.4 (openEuler 20.03 LTS SP1/SP2, 21.03, 21.09), 688 bytes.
      No patch id; the build-id is stored in `uname`.
    doc-ref: https://github.com/cloudlinux/libcare src/kpatch_file.h struct kpatch_file
    seq:
      - id: magic
        size: 8
      - id: flags
        type: u1
      - id: safety_method_raw
        type: u1
        doc: Kernel-era safety method (0 in every user-space patch); see the `safety_method` enum.
      - id: pad
        size: 6
      - id: modulename
        size: 64
      - id: uname
        size: 256
        doc: Holds the target build-id hex string (kpatch_make -b).
      - id: build_time
        type: u8
      - id: csum
        type: u4
      - id: nr_reloc
        type: u4
      - id: kpatch_offset
        type: u4
      - id: rel_offset
        type: u4
      - id: total_size
        type: u4
      - id: jmp_offset
        type: u4
      - id: entries
        type: runtime_entries
      - id: srcversion
        size: 25
      - id: pad2
        size: 231
    instances:
      safety_method:
        value: safety_method_raw
        enum: safety_method

  runtime_entries:
    doc: |
      The 64-byte union `entries[16]` (u32 each). User space uses the first three
      words; kernel-era aliases (kpatch_entry, elf_hdr, ...) are not used by libcare.
    doc-ref: libcareplus src/include/kpatch_file.h union in struct kpatch_file
    seq:
      - id: user_undo
        type: u4
        doc: Run time - offset of the saved original bytes (HUNK_SIZE per info record).
      - id: user_info
        type: u4
        doc: Run time - offset of the relocated info records.
      - id: user_level
        type: u4
        doc: Run time - patch level from storage (`<bid>/<level>/kpatch.bin`); not read by libcareplus.
      - id: rest
        size: 52

  info_table:
    doc: |
      Contents of the `.kpatch.info` section: 48-byte records, then a 24-byte zero
      terminator written by `kpatch_strip --strip`, so sh_size = 48 * n + 24. The section
      is usually not 8-byte aligned in the file.
    doc-ref: libcareplus src/kpatch_strip.c process_kpatch_info() (KPATCH_INFO_LAST_SIZE 24)
    instances:
      num_records:
        value: '_io.size >= 24 ? (_io.size - 24) / 48 : 0'
      records:
        pos: 0
        type: info_record
        repeat: expr
        repeat-expr: num_records
      terminator:
        pos: num_records * 48
        size: _io.size - num_records * 48
        if: _io.size >= num_records * 48

  info_record:
    doc: |
      struct kpatch_info. The address fields hold link-time values (0 in library
      patches); the real targets come from the relocations in `.rela.kpatch.info` at
      +0 (daddr), +8 (saddr) and +24 (symstr). A record with daddr == 0 and dlen == 0 is
      a new function.
    doc-ref: libcareplus src/include/kpatch_file.h struct kpatch_info; src/kpatch_gensrc.c write_new_function()
    seq:
      - id: daddr
        type: u8
        doc: Original ("destination") function, or 0 for a new function.
      - id: saddr
        type: u8
        doc: New code (`<func>.kpatch`, or the new function itself).
      - id: dlen
        type: u4
        doc: Size of the original function (0 for a new function).
      - id: slen
        type: u4
        doc: Size of the new code.
      - id: symstr
        type: u8
        doc: Pointer to the name in `.kpatch.strtab`.
      - id: vaddr
        type: u8
        doc: Unused, 0.
      - id: flags
        type: u4
        doc: 0 in files; the loader sets PATCH_APPLIED (1 << 31) in its private copy only.
      - id: pad
        type: u4
    instances:
      is_end:
        doc: The loader's end test (is_end_info()), which looks only at the first 24 bytes.
        value: daddr == 0 and saddr == 0 and dlen == 0 and slen == 0

  jump_table:
    doc: |
      Run time only: the jump table libcare-ctl builds in the patch region for imports.
      A 16-byte header, then `max_entry` entries of {instruction, address}. On x86_64 the
      instruction is 0x90900000000225ff (jmp *[rip+2]; nop; nop), on aarch64
      0xd61f022058000051 (ldr x17, #8; br x17).
    doc-ref: libcareplus src/include/kpatch_elf.h struct kpatch_jmp_table
    seq:
      - id: size
        type: u4
      - id: cur_entry
        type: u4
      - id: max_entry
        type: u4
      - id: pad
        size: 4
    instances:
      entries:
        pos: 16
        type: jump_entry
        repeat: expr
        repeat-expr: cur_entry

  jump_entry:
    seq:
      - id: insn
        type: u8
      - id: addr
        type: u8

enums:
  layout_version:
    0: v0
    1: v1
    2: v2
    3: v3
    4: v4
    255: unknown
  safety_method:
    0: default
    1: freeze_all
    2: freeze_none
    3: freeze_conflict
