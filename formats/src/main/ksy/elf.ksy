meta:
  id: elf
  title: ELF object file (executable, shared object, relocatable object, core dump)
  application:
    - kpaudit
    - Linux and other System V systems
  file-extension:
    - o
    - so
    - ko
    - elf
  xref:
    wikidata: Q1343830
    justsolve: Executable_and_Linkable_Format
  license: Apache-2.0
  ks-version: 0.11
  endian: le
doc: |
  An ELF file: a 16-byte identification block, a file header, and two tables found
  by offset (section headers and program headers). Everything after the
  identification block is read lazily through `instances`, so opening a large
  shared library costs a few hundred bytes until a table is asked for.

  Both classes (ELFCLASS32, ELFCLASS64) and both byte orders are handled: every
  type below the identification block takes its byte order from `ident.data`
  and its word size from `ident.elf_class`.

  What this spec adds over the public format gallery's ELF spec:
  * extended numbering: `e_shnum == 0`, `e_shstrndx == SHN_XINDEX` and
    `e_phnum == PN_XNUM` take the real values from section header 0
    (`num_section_headers`, `shstrndx`, `num_program_headers`);
  * `sh_link` / `sh_info` are plain integers (their meaning depends on the section type);
  * `r_info` is split into symbol index and type for both classes; relocation type
    names per machine are in the `reloc_*` enums;
  * `SHF_COMPRESSED` section bodies start with their compression header;
  * symbol versioning (`.gnu.version`, `.gnu.version_r`, `.gnu.version_d`);
  * `.hash` and `.gnu.hash` tables;
  * names are looked up by offset in their string table one at a time: no string
    table is decoded as a whole.
doc-ref:
  - https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html System V ABI, generic, chapters 4 and 5
  - https://www.sco.com/developers/gabi/latest/ch4.eheader.html gABI (2013 draft) ELF header, extended numbering
  - https://refspecs.linuxfoundation.org/LSB_5.0.0/LSB-Core-generic/LSB-Core-generic/symversion.html LSB 5.0 symbol versioning
  - https://sourceware.org/gnu-gabi/program-loading-and-dynamic-linking.txt GNU hash section (.gnu.hash)
  - "glibc elf/elf.h, the constants EM_*, SHT_*, PT_*, DT_*, NT_*, R_*"
seq:
  - id: ident
    type: identification
instances:
  header:
    pos: 16
    type: file_header
    doc: The rest of the ELF header, in the file's own byte order and class.
  is_64:
    value: ident.elf_class == elf_class::class_64
  is_le:
    value: ident.data == data_encoding::lsb
types:
  identification:
    doc-ref: gABI "ELF Identification" (e_ident[])
    seq:
      - id: magic
        size: 4
        valid: '[0x7f, 0x45, 0x4c, 0x46]'
      - id: elf_class_raw
        type: u1
        doc: EI_CLASS (raw, so that unknown values are kept)
      - id: data_raw
        type: u1
        doc: EI_DATA
      - id: version
        type: u1
      - id: os_abi_raw
        type: u1
        doc: EI_OSABI
      - id: abi_version
        type: u1
      - id: pad
        size: 7
    instances:
      elf_class:
        value: elf_class_raw
        enum: elf_class
      data:
        value: data_raw
        enum: data_encoding
      os_abi:
        value: os_abi_raw
        enum: os_abi

  file_header:
    doc: |
      Elf32_Ehdr / Elf64_Ehdr after e_ident. Offsets, addresses and the entry point are
      4 bytes in ELFCLASS32 and 8 bytes in ELFCLASS64.
    doc-ref: gABI "ELF Header"
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: obj_type_raw
        type: u2
        doc: e_type
      - id: machine_raw
        type: u2
        doc: e_machine
      - id: version
        type: u4
      - id: entry
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: phoff
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: shoff
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: flags
        type: u4
      - id: ehsize
        type: u2
      - id: len_program_header
        type: u2
      - id: phnum
        type: u2
      - id: len_section_header
        type: u2
      - id: shnum
        type: u2
      - id: shstrndx
        type: u2
    instances:
      obj_type:
        value: obj_type_raw
        enum: obj_type
      machine:
        value: machine_raw
        enum: machine
      section_zero:
        doc: |
          Section header 0. When the file has SHN_LORESERVE (0xff00) or more sections,
          its sh_size holds the section count, its sh_link the section name table index
          and its sh_info the program header count (PN_XNUM case).
        doc-ref: gABI "Sections", table "ELF Header Entries" (Extended Section Header Numbering)
        pos: shoff
        type: section_header(0)
        if: shoff != 0
      num_section_headers:
        doc: The real section count (extended numbering resolved).
        value: 'shoff == 0 ? 0 : (shnum == 0 ? section_zero.size : shnum)'
      shstrndx_resolved:
        doc: The real index of the section name string table (SHN_XINDEX resolved).
        value: 'shstrndx == 0xffff and shoff != 0 ? section_zero.link : shstrndx'
      num_program_headers:
        doc: The real program header count (PN_XNUM = 0xffff resolved).
        value: 'phnum == 0xffff and shoff != 0 ? section_zero.info : phnum'
      section_headers:
        pos: shoff
        size: len_section_header
        type: section_header(_index)
        repeat: expr
        repeat-expr: num_section_headers
        if: shoff != 0
        doc: |
          All section headers. Use only after checking `shoff + num_section_headers * len_section_header`
          against the file size; a consumer that needs one header reads it by index.
      program_headers:
        pos: phoff
        size: len_program_header
        type: program_header(_index)
        repeat: expr
        repeat-expr: num_program_headers
        if: phoff != 0
      section_names:
        doc: The section name string table (a window on the file; nothing is decoded up front).
        io: _root._io
        pos: section_headers[shstrndx_resolved].offset
        size: section_headers[shstrndx_resolved].size
        type: string_table
        if: has_section_names
      has_section_names:
        value: shoff != 0 and shstrndx_resolved != 0 and shstrndx_resolved < num_section_headers

  section_header:
    doc-ref: gABI "Sections", Elf32_Shdr / Elf64_Shdr
    params:
      - id: index
        type: u4
        doc: Index of this header in the section header table.
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: name_offset
        type: u4
      - id: sh_type_raw
        type: u4
        doc: sh_type (raw, so that unknown values are kept)
      - id: flags
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: addr
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: offset
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: size
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: link
        type: u4
        doc: sh_link, an integer whose meaning depends on sh_type (usually a section index).
      - id: info
        type: u4
        doc: sh_info, an integer whose meaning depends on sh_type (a section index, or a symbol count).
      - id: addralign
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: entsize
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
    instances:
      sh_type:
        value: sh_type_raw
        enum: section_type
      name:
        doc: The section name, read at `name_offset` in the section name table.
        io: _root.header.section_names._io
        pos: name_offset
        type: c_string
        if: _root.header.has_section_names and name_offset < _root.header.section_names._io.size
      is_compressed:
        doc-ref: gABI "Section Attribute Flags", SHF_COMPRESSED (0x800)
        value: (flags & 0x800) != 0
      has_data:
        value: sh_type != section_type::nobits and sh_type != section_type::null_section
      compressed:
        doc: A SHF_COMPRESSED section's compression header and compressed bytes.
        io: _root._io
        pos: offset
        size: size
        if: has_data and is_compressed
        type: compressed_section
      body:
        doc: The section contents, typed by sh_type (not for SHF_COMPRESSED sections, see `compressed`).
        io: _root._io
        pos: offset
        size: size
        if: has_data and not is_compressed
        type:
          switch-on: sh_type
          cases:
            'section_type::strtab': string_table
            'section_type::symtab': symbol_table(entsize)
            'section_type::dynsym': symbol_table(entsize)
            'section_type::rela': rela_table(entsize)
            'section_type::rel': rel_table(entsize)
            'section_type::relr': relr_table
            'section_type::note': 'note_table(addralign == 8 ? 8 : 4)'
            'section_type::dynamic': dynamic_table
            'section_type::hash': hash_table
            'section_type::gnu_hash': gnu_hash_table
            'section_type::gnu_versym': versym_table
            'section_type::gnu_verneed': verneed_table
            'section_type::gnu_verdef': verdef_table
            'section_type::symtab_shndx': symtab_shndx_table

  program_header:
    doc-ref: gABI "Program Header", Elf32_Phdr / Elf64_Phdr
    params:
      - id: index
        type: u4
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: p_type_raw
        type: u4
        doc: p_type (raw, so that unknown values are kept)
      - id: flags64
        type: u4
        if: _root.is_64
      - id: offset
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: vaddr
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: paddr
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: filesz
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: memsz
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: flags32
        type: u4
        if: not _root.is_64
      - id: align
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
    instances:
      p_type:
        value: p_type_raw
        enum: segment_type
      flags:
        doc: p_flags (PF_X 1, PF_W 2, PF_R 4); its position differs between the classes.
        value: '_root.is_64 ? flags64 : flags32'
      notes:
        doc: The notes of a PT_NOTE segment (core dumps carry NT_PRSTATUS, NT_FILE ... here).
        io: _root._io
        pos: offset
        size: filesz
        type: 'note_table(align == 8 ? 8 : 4)'
        if: p_type == segment_type::note

  string_table:
    doc: |
      A string table (SHT_STRTAB): NUL-terminated strings found by offset. Nothing is read
      when the table is opened; consumers read one `c_string` at the offset they need.
    doc-ref: gABI "String Table"
    seq: []

  c_string:
    doc: One NUL-terminated string; an unterminated string ends at the end of its table.
    seq:
      - id: value
        terminator: 0
        eos-error: false

  symbol_table:
    doc: |
      SHT_SYMTAB / SHT_DYNSYM. Entry i is at i * entsize; `sh_link` of the section names the
      string table of the symbol names and `sh_info` is one more than the last local symbol.
    doc-ref: gABI "Symbol Table"
    params:
      - id: entsize
        type: u8
    instances:
      num_entries:
        value: 'entsize == 0 ? 0 : _io.size / entsize'
      entries:
        pos: 0
        size: entsize
        type: symbol
        repeat: expr
        repeat-expr: num_entries

  symbol:
    doc-ref: gABI "Symbol Table", Elf32_Sym / Elf64_Sym (the fields are ordered differently)
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: name_offset
        type: u4
      - id: value32
        type: u4
        if: not _root.is_64
      - id: size32
        type: u4
        if: not _root.is_64
      - id: info
        type: u1
      - id: other
        type: u1
      - id: shndx
        type: u2
        doc: Section index, or SHN_UNDEF 0, SHN_ABS 0xfff1, SHN_COMMON 0xfff2, SHN_XINDEX 0xffff, SHN_LIVEPATCH 0xff20.
      - id: value64
        type: u8
        if: _root.is_64
      - id: size64
        type: u8
        if: _root.is_64
    instances:
      value:
        value: '_root.is_64 ? value64 : value32'
      size:
        value: '_root.is_64 ? size64 : size32'
      bind:
        value: info >> 4
        enum: symbol_binding
      sym_type:
        value: info & 0xf
        enum: symbol_type
      visibility:
        value: other & 3
        enum: symbol_visibility

  rela_table:
    doc-ref: gABI "Relocation", Elf32_Rela / Elf64_Rela
    params:
      - id: entsize
        type: u8
    instances:
      num_entries:
        value: 'entsize == 0 ? 0 : _io.size / entsize'
      entries:
        pos: 0
        size: entsize
        type: relocation(true)
        repeat: expr
        repeat-expr: num_entries

  rel_table:
    doc-ref: gABI "Relocation", Elf32_Rel / Elf64_Rel
    params:
      - id: entsize
        type: u8
    instances:
      num_entries:
        value: 'entsize == 0 ? 0 : _io.size / entsize'
      entries:
        pos: 0
        size: entsize
        type: relocation(false)
        repeat: expr
        repeat-expr: num_entries

  relr_table:
    doc: |
      SHT_RELR: packed relative relocations. An even word is an address to relocate (the
      next address is the word after it); an odd word is a bitmap: bit i (i >= 1) relocates
      the i-1th word after the current address, then the address moves on by 63 (31) words.
      Each relocation is of the machine's RELATIVE type.
    doc-ref: https://groups.google.com/g/generic-abi/c/bX460iggiKg gABI proposal "SHT_RELR" (2018), adopted in the gABI
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: entries
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
        repeat: eos

  relocation:
    doc: |
      One REL or RELA entry. r_info packs the symbol index and the type:
      ELF64 `sym = info >> 32, type = info & 0xffffffff`; ELF32 `sym = info >> 8, type = info & 0xff`.
      The type's name depends on e_machine: see the `reloc_*` enums.
    doc-ref: gABI "Relocation", ELF32_R_SYM / ELF64_R_SYM / ELF64_R_TYPE macros
    params:
      - id: has_addend
        type: bool
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: offset
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: info
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: addend
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': s4
            _: s8
        if: has_addend
    instances:
      sym_index:
        value: '(_root.is_64 ? (info >> 32) & 0xffffffff : (info >> 8) & 0xffffff).as<u4>'
      rel_type:
        value: '(_root.is_64 ? info & 0xffffffff : info & 0xff).as<u4>'
      type_x86_64:
        value: rel_type
        enum: reloc_x86_64
      type_i386:
        value: rel_type
        enum: reloc_i386
      type_aarch64:
        value: rel_type
        enum: reloc_aarch64
      type_riscv:
        value: rel_type
        enum: reloc_riscv
      type_loongarch:
        value: rel_type
        enum: reloc_loongarch

  note_table:
    doc: |
      A sequence of notes (SHT_NOTE section or PT_NOTE segment). The descriptor and the next
      note start at a multiple of 4 bytes from the start of the area (8 in sections and
      segments aligned to 8, such as .note.gnu.property).
    doc-ref: gABI "Note Section"
    params:
      - id: alignment
        type: u1
    seq:
      - id: entries
        type: note(alignment)
        repeat: eos

  note:
    params:
      - id: alignment
        type: u1
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: len_name
        type: u4
      - id: len_desc
        type: u4
      - id: note_type
        type: u4
        doc: Meaning depends on the owner name (see `gnu_note_type`, `core_note_type`).
      - id: name
        size: len_name
      - id: name_pad
        size: '(alignment - (12 + len_name) % alignment) % alignment'
        doc: The descriptor starts at the next multiple of `alignment` from the start of the note.
      - id: desc
        size: len_desc
      - id: desc_pad
        size: '(alignment - len_desc % alignment) % alignment < _io.size - _io.pos ? (alignment - len_desc % alignment) % alignment : _io.size - _io.pos'
    instances:
      gnu_type:
        value: note_type
        enum: gnu_note_type
      core_type:
        value: note_type
        enum: core_note_type

  dynamic_table:
    doc-ref: gABI "Dynamic Section", Elf32_Dyn / Elf64_Dyn
    seq:
      - id: entries
        type: dynamic_entry
        repeat: eos

  dynamic_entry:
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: tag_raw
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: value
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
    instances:
      tag:
        value: tag_raw
        enum: dynamic_tag

  hash_table:
    doc: SHT_HASH, the System V symbol hash table (32-bit words on every machine handled here).
    doc-ref: gABI "Hash Table"
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: num_buckets
        type: u4
      - id: num_chains
        type: u4
    instances:
      buckets:
        pos: 8
        type: u4
        repeat: expr
        repeat-expr: num_buckets
      chains:
        pos: 8 + 4 * num_buckets
        type: u4
        repeat: expr
        repeat-expr: num_chains

  gnu_hash_table:
    doc: |
      SHT_GNU_HASH (.gnu.hash): a Bloom filter, one bucket per hash bucket and a chain of
      hash values (low bit set on the last entry of a chain) for the symbols from
      `symoffset` on, which are sorted by bucket.
    doc-ref: https://sourceware.org/gnu-gabi/program-loading-and-dynamic-linking.txt ("DT_GNU_HASH")
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: num_buckets
        type: u4
      - id: symoffset
        type: u4
      - id: num_bloom
        type: u4
      - id: bloom_shift
        type: u4
    instances:
      bloom_word_size:
        value: '_root.is_64 ? 8 : 4'
      buckets_offset:
        value: 16 + num_bloom * bloom_word_size
      chain_offset:
        value: buckets_offset + 4 * num_buckets
      bloom:
        pos: 16
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
        repeat: expr
        repeat-expr: num_bloom
      buckets:
        pos: buckets_offset
        type: u4
        repeat: expr
        repeat-expr: num_buckets

  versym_table:
    doc: |
      SHT_GNU_versym (.gnu.version): one u2 per .dynsym entry. 0 local, 1 global (base),
      otherwise the index of a version in .gnu.version_r / .gnu.version_d; bit 15 marks a
      hidden version.
    doc-ref: LSB 5.0 "Symbol Version Table"
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    instances:
      num_entries:
        value: _io.size / 2
      entries:
        pos: 0
        type: u2
        repeat: expr
        repeat-expr: num_entries

  verneed_table:
    doc: |
      SHT_GNU_verneed (.gnu.version_r): a chain of Elf_Verneed records, each followed (at
      vn_aux) by a chain of Elf_Vernaux records. Offsets are relative to the record.
      The section's sh_info is the record count and sh_link the string table.
    doc-ref: LSB 5.0 "Version Needed Section"
    instances:
      first:
        pos: 0
        type: verneed(0)
        if: _io.size >= 16

  verneed:
    params:
      - id: ofs
        type: u8
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: version
        type: u2
      - id: cnt
        type: u2
      - id: file_name_offset
        type: u4
      - id: aux_offset
        type: u4
      - id: next_offset
        type: u4
    instances:
      first_aux:
        pos: ofs + aux_offset
        type: vernaux(ofs + aux_offset)
        if: cnt > 0 and aux_offset != 0
      next:
        pos: ofs + next_offset
        type: verneed(ofs + next_offset)
        if: next_offset != 0

  vernaux:
    params:
      - id: ofs
        type: u8
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: hash
        type: u4
      - id: flags
        type: u2
      - id: other
        type: u2
        doc: The version index that .gnu.version entries use for this version.
      - id: name_offset
        type: u4
      - id: next_offset
        type: u4
    instances:
      next:
        pos: ofs + next_offset
        type: vernaux(ofs + next_offset)
        if: next_offset != 0

  verdef_table:
    doc: |
      SHT_GNU_verdef (.gnu.version_d): a chain of Elf_Verdef records, each with a chain of
      Elf_Verdaux names (the first is the version's own name, the others its parents).
    doc-ref: LSB 5.0 "Version Definition Section"
    instances:
      first:
        pos: 0
        type: verdef(0)
        if: _io.size >= 20

  verdef:
    params:
      - id: ofs
        type: u8
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: version
        type: u2
      - id: flags
        type: u2
        doc: VER_FLG_BASE 1, VER_FLG_WEAK 2
      - id: ndx
        type: u2
      - id: cnt
        type: u2
      - id: hash
        type: u4
      - id: aux_offset
        type: u4
      - id: next_offset
        type: u4
    instances:
      first_aux:
        pos: ofs + aux_offset
        type: verdaux(ofs + aux_offset)
        if: cnt > 0 and aux_offset != 0
      next:
        pos: ofs + next_offset
        type: verdef(ofs + next_offset)
        if: next_offset != 0

  verdaux:
    params:
      - id: ofs
        type: u8
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: name_offset
        type: u4
      - id: next_offset
        type: u4
    instances:
      next:
        pos: ofs + next_offset
        type: verdaux(ofs + next_offset)
        if: next_offset != 0

  symtab_shndx_table:
    doc: SHT_SYMTAB_SHNDX, the real section index of each symbol whose st_shndx is SHN_XINDEX.
    doc-ref: gABI "Sections", SHT_SYMTAB_SHNDX
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    instances:
      num_entries:
        value: _io.size / 4

  compressed_section:
    doc: |
      A SHF_COMPRESSED section: Elf32_Chdr (12 bytes) or Elf64_Chdr (24 bytes), then the
      compressed bytes. `ch_size` is the size once decompressed.
    doc-ref: gABI "Compressed Sections" (Elf32_Chdr, Elf64_Chdr)
    meta:
      endian:
        switch-on: _root.ident.data
        cases:
          'data_encoding::lsb': le
          'data_encoding::msb': be
    seq:
      - id: ch_type_raw
        type: u4
      - id: reserved
        type: u4
        if: _root.is_64
      - id: ch_size
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
      - id: ch_addralign
        type:
          switch-on: _root.ident.elf_class
          cases:
            'elf_class::class_32': u4
            _: u8
    instances:
      ch_type:
        value: ch_type_raw
        enum: compression_type
      header_size:
        value: '_root.is_64 ? 24 : 12'

enums:
  elf_class:
    1: class_32
    2: class_64
  data_encoding:
    1: lsb
    2: msb
  os_abi:
    0: system_v
    1: hpux
    2: netbsd
    3: gnu
    6: solaris
    7: aix
    8: irix
    9: freebsd
    10: tru64
    11: modesto
    12: openbsd
    64: arm_aeabi
    97: arm
    255: standalone
  obj_type:
    0: none
    1: rel
    2: exec
    3: dyn
    4: core
  machine:
    0: none
    2: sparc
    3: i386
    4: m68k
    8: mips
    20: ppc
    21: ppc64
    22: s390
    40: arm
    42: sh
    43: sparcv9
    50: ia_64
    62: x86_64
    183: aarch64
    243: riscv
    247: bpf
    258: loongarch
  section_type:
    0: null_section
    1: progbits
    2: symtab
    3: strtab
    4: rela
    5: hash
    6: dynamic
    7: note
    8: nobits
    9: rel
    10: shlib
    11: dynsym
    14: init_array
    15: fini_array
    16: preinit_array
    17: group
    18: symtab_shndx
    19: relr
    0x6fff4c00: llvm_odrtab
    0x6fff4c01: llvm_linker_options
    0x6fff4c03: llvm_addrsig
    0x6ffffff5: gnu_attributes
    0x6ffffff6: gnu_hash
    0x6ffffff7: gnu_liblist
    0x6ffffff8: checksum
    0x6ffffffd: gnu_verdef
    0x6ffffffe: gnu_verneed
    0x6fffffff: gnu_versym
    0x70000001: x86_64_unwind
    0x70000003: arm_attributes
  segment_type:
    0: null_segment
    1: load
    2: dynamic
    3: interp
    4: note
    5: shlib
    6: phdr
    7: tls
    0x6474e550: gnu_eh_frame
    0x6474e551: gnu_stack
    0x6474e552: gnu_relro
    0x6474e553: gnu_property
    0x70000000: arch_specific_0
    0x70000001: arch_specific_1
  symbol_binding:
    0: local
    1: global
    2: weak
    10: gnu_unique
  symbol_type:
    0: notype
    1: object
    2: func
    3: section
    4: file
    5: common
    6: tls
    10: gnu_ifunc
  symbol_visibility:
    0: default
    1: internal
    2: hidden
    3: protected
  compression_type:
    1: zlib
    2: zstd
  gnu_note_type:
    1: gnu_abi_tag
    2: gnu_hwcap
    3: gnu_build_id
    4: gnu_gold_version
    5: gnu_property_type_0
  core_note_type:
    1: prstatus
    2: prfpreg
    3: prpsinfo
    4: prxreg
    5: platform
    6: auxv
    0x200: i386_tls
    0x202: x86_xstate
    0x400: arm_vfp
    0x401: arm_tls
    0x402: arm_hw_break
    0x403: arm_hw_watch
    0x404: arm_system_call
    0x405: arm_sve
    0x406: arm_pac_mask
    0x46494c45: file
    0x46e62b7f: prxfpreg
    0x53494749: siginfo
  dynamic_tag:
    0: null_entry
    1: needed
    2: pltrelsz
    3: pltgot
    4: hash
    5: strtab
    6: symtab
    7: rela
    8: relasz
    9: relaent
    10: strsz
    11: syment
    12: init
    13: fini
    14: soname
    15: rpath
    16: symbolic
    17: rel
    18: relsz
    19: relent
    20: pltrel
    21: debug
    22: textrel
    23: jmprel
    24: bind_now
    25: init_array
    26: fini_array
    27: init_arraysz
    28: fini_arraysz
    29: runpath
    30: flags
    32: preinit_array
    33: preinit_arraysz
    34: symtab_shndx
    35: relrsz
    36: relr
    37: relrent
    0x6ffffdf5: gnu_prelinked
    0x6ffffdf6: gnu_conflictsz
    0x6ffffdf7: gnu_liblistsz
    0x6ffffdf8: checksum
    0x6ffffdf9: pltpadsz
    0x6ffffdfa: moveent
    0x6ffffdfb: movesz
    0x6ffffdfc: feature_1
    0x6ffffdfd: posflag_1
    0x6ffffdfe: syminsz
    0x6ffffdff: syminent
    0x6ffffef5: gnu_hash
    0x6ffffef6: tlsdesc_plt
    0x6ffffef7: tlsdesc_got
    0x6ffffef8: gnu_conflict
    0x6ffffef9: gnu_liblist
    0x6ffffefa: config
    0x6ffffefb: depaudit
    0x6ffffefc: audit
    0x6ffffefd: pltpad
    0x6ffffefe: movetab
    0x6ffffeff: syminfo
    0x6ffffff0: versym
    0x6ffffff9: relacount
    0x6ffffffa: relcount
    0x6ffffffb: flags_1
    0x6ffffffc: verdef
    0x6ffffffd: verdefnum
    0x6ffffffe: verneed
    0x6fffffff: verneednum
    0x7ffffffd: auxiliary
    0x7fffffff: filter
  reloc_x86_64:
    0: r_x86_64_none
    1: r_x86_64_64
    2: r_x86_64_pc32
    3: r_x86_64_got32
    4: r_x86_64_plt32
    5: r_x86_64_copy
    6: r_x86_64_glob_dat
    7: r_x86_64_jump_slot
    8: r_x86_64_relative
    9: r_x86_64_gotpcrel
    10: r_x86_64_32
    11: r_x86_64_32s
    12: r_x86_64_16
    13: r_x86_64_pc16
    14: r_x86_64_8
    15: r_x86_64_pc8
    16: r_x86_64_dtpmod64
    17: r_x86_64_dtpoff64
    18: r_x86_64_tpoff64
    19: r_x86_64_tlsgd
    20: r_x86_64_tlsld
    21: r_x86_64_dtpoff32
    22: r_x86_64_gottpoff
    23: r_x86_64_tpoff32
    24: r_x86_64_pc64
    25: r_x86_64_gotoff64
    26: r_x86_64_gotpc32
    27: r_x86_64_got64
    28: r_x86_64_gotpcrel64
    29: r_x86_64_gotpc64
    30: r_x86_64_gotplt64
    31: r_x86_64_pltoff64
    32: r_x86_64_size32
    33: r_x86_64_size64
    34: r_x86_64_gotpc32_tlsdesc
    35: r_x86_64_tlsdesc_call
    36: r_x86_64_tlsdesc
    37: r_x86_64_irelative
    38: r_x86_64_relative64
    41: r_x86_64_gotpcrelx
    42: r_x86_64_rex_gotpcrelx
  reloc_i386:
    0: r_386_none
    1: r_386_32
    2: r_386_pc32
    3: r_386_got32
    4: r_386_plt32
    5: r_386_copy
    6: r_386_glob_dat
    7: r_386_jmp_slot
    8: r_386_relative
    9: r_386_gotoff
    10: r_386_gotpc
    11: r_386_32plt
    14: r_386_tls_tpoff
    15: r_386_tls_ie
    16: r_386_tls_gotie
    17: r_386_tls_le
    18: r_386_tls_gd
    19: r_386_tls_ldm
    20: r_386_16
    21: r_386_pc16
    22: r_386_8
    23: r_386_pc8
    24: r_386_tls_gd_32
    25: r_386_tls_gd_push
    26: r_386_tls_gd_call
    27: r_386_tls_gd_pop
    28: r_386_tls_ldm_32
    29: r_386_tls_ldm_push
    30: r_386_tls_ldm_call
    31: r_386_tls_ldm_pop
    32: r_386_tls_ldo_32
    33: r_386_tls_ie_32
    34: r_386_tls_le_32
    35: r_386_tls_dtpmod32
    36: r_386_tls_dtpoff32
    37: r_386_tls_tpoff32
    38: r_386_size32
    39: r_386_tls_gotdesc
    40: r_386_tls_desc_call
    41: r_386_tls_desc
    42: r_386_irelative
    43: r_386_got32x
  reloc_aarch64:
    0: r_aarch64_none
    257: r_aarch64_abs64
    258: r_aarch64_abs32
    259: r_aarch64_abs16
    260: r_aarch64_prel64
    261: r_aarch64_prel32
    262: r_aarch64_prel16
    263: r_aarch64_movw_uabs_g0
    264: r_aarch64_movw_uabs_g0_nc
    265: r_aarch64_movw_uabs_g1
    266: r_aarch64_movw_uabs_g1_nc
    267: r_aarch64_movw_uabs_g2
    268: r_aarch64_movw_uabs_g2_nc
    269: r_aarch64_movw_uabs_g3
    270: r_aarch64_movw_sabs_g0
    271: r_aarch64_movw_sabs_g1
    272: r_aarch64_movw_sabs_g2
    273: r_aarch64_ld_prel_lo19
    274: r_aarch64_adr_prel_lo21
    275: r_aarch64_adr_prel_pg_hi21
    276: r_aarch64_adr_prel_pg_hi21_nc
    277: r_aarch64_add_abs_lo12_nc
    278: r_aarch64_ldst8_abs_lo12_nc
    279: r_aarch64_tstbr14
    280: r_aarch64_condbr19
    282: r_aarch64_jump26
    283: r_aarch64_call26
    284: r_aarch64_ldst16_abs_lo12_nc
    285: r_aarch64_ldst32_abs_lo12_nc
    286: r_aarch64_ldst64_abs_lo12_nc
    287: r_aarch64_movw_prel_g0
    288: r_aarch64_movw_prel_g0_nc
    289: r_aarch64_movw_prel_g1
    290: r_aarch64_movw_prel_g1_nc
    291: r_aarch64_movw_prel_g2
    292: r_aarch64_movw_prel_g2_nc
    293: r_aarch64_movw_prel_g3
    299: r_aarch64_ldst128_abs_lo12_nc
    300: r_aarch64_movw_gotoff_g0
    301: r_aarch64_movw_gotoff_g0_nc
    302: r_aarch64_movw_gotoff_g1
    303: r_aarch64_movw_gotoff_g1_nc
    304: r_aarch64_movw_gotoff_g2
    305: r_aarch64_movw_gotoff_g2_nc
    306: r_aarch64_movw_gotoff_g3
    307: r_aarch64_gotrel64
    308: r_aarch64_gotrel32
    309: r_aarch64_got_ld_prel19
    310: r_aarch64_ld64_gotoff_lo15
    311: r_aarch64_adr_got_page
    312: r_aarch64_ld64_got_lo12_nc
    313: r_aarch64_ld64_gotpage_lo15
    512: r_aarch64_tlsgd_adr_prel21
    513: r_aarch64_tlsgd_adr_page21
    514: r_aarch64_tlsgd_add_lo12_nc
    515: r_aarch64_tlsgd_movw_g1
    516: r_aarch64_tlsgd_movw_g0_nc
    517: r_aarch64_tlsld_adr_prel21
    518: r_aarch64_tlsld_adr_page21
    519: r_aarch64_tlsld_add_lo12_nc
    520: r_aarch64_tlsld_movw_g1
    521: r_aarch64_tlsld_movw_g0_nc
    522: r_aarch64_tlsld_ld_prel19
    523: r_aarch64_tlsld_movw_dtprel_g2
    524: r_aarch64_tlsld_movw_dtprel_g1
    525: r_aarch64_tlsld_movw_dtprel_g1_nc
    526: r_aarch64_tlsld_movw_dtprel_g0
    527: r_aarch64_tlsld_movw_dtprel_g0_nc
    528: r_aarch64_tlsld_add_dtprel_hi12
    529: r_aarch64_tlsld_add_dtprel_lo12
    530: r_aarch64_tlsld_add_dtprel_lo12_nc
    531: r_aarch64_tlsld_ldst8_dtprel_lo12
    532: r_aarch64_tlsld_ldst8_dtprel_lo12_nc
    533: r_aarch64_tlsld_ldst16_dtprel_lo12
    534: r_aarch64_tlsld_ldst16_dtprel_lo12_nc
    535: r_aarch64_tlsld_ldst32_dtprel_lo12
    536: r_aarch64_tlsld_ldst32_dtprel_lo12_nc
    537: r_aarch64_tlsld_ldst64_dtprel_lo12
    538: r_aarch64_tlsld_ldst64_dtprel_lo12_nc
    539: r_aarch64_tlsie_movw_gottprel_g1
    540: r_aarch64_tlsie_movw_gottprel_g0_nc
    541: r_aarch64_tlsie_adr_gottprel_page21
    542: r_aarch64_tlsie_ld64_gottprel_lo12_nc
    543: r_aarch64_tlsie_ld_gottprel_prel19
    544: r_aarch64_tlsle_movw_tprel_g2
    545: r_aarch64_tlsle_movw_tprel_g1
    546: r_aarch64_tlsle_movw_tprel_g1_nc
    547: r_aarch64_tlsle_movw_tprel_g0
    548: r_aarch64_tlsle_movw_tprel_g0_nc
    549: r_aarch64_tlsle_add_tprel_hi12
    550: r_aarch64_tlsle_add_tprel_lo12
    551: r_aarch64_tlsle_add_tprel_lo12_nc
    552: r_aarch64_tlsle_ldst8_tprel_lo12
    553: r_aarch64_tlsle_ldst8_tprel_lo12_nc
    554: r_aarch64_tlsle_ldst16_tprel_lo12
    555: r_aarch64_tlsle_ldst16_tprel_lo12_nc
    556: r_aarch64_tlsle_ldst32_tprel_lo12
    557: r_aarch64_tlsle_ldst32_tprel_lo12_nc
    558: r_aarch64_tlsle_ldst64_tprel_lo12
    559: r_aarch64_tlsle_ldst64_tprel_lo12_nc
    560: r_aarch64_tlsdesc_ld_prel19
    561: r_aarch64_tlsdesc_adr_prel21
    562: r_aarch64_tlsdesc_adr_page21
    563: r_aarch64_tlsdesc_ld64_lo12
    564: r_aarch64_tlsdesc_add_lo12
    565: r_aarch64_tlsdesc_off_g1
    566: r_aarch64_tlsdesc_off_g0_nc
    567: r_aarch64_tlsdesc_ldr
    568: r_aarch64_tlsdesc_add
    569: r_aarch64_tlsdesc_call
    570: r_aarch64_tlsle_ldst128_tprel_lo12
    571: r_aarch64_tlsle_ldst128_tprel_lo12_nc
    572: r_aarch64_tlsld_ldst128_dtprel_lo12
    573: r_aarch64_tlsld_ldst128_dtprel_lo12_nc
    1024: r_aarch64_copy
    1025: r_aarch64_glob_dat
    1026: r_aarch64_jump_slot
    1027: r_aarch64_relative
    1028: r_aarch64_tls_dtpmod
    1029: r_aarch64_tls_dtprel
    1030: r_aarch64_tls_tprel
    1031: r_aarch64_tlsdesc
    1032: r_aarch64_irelative
  reloc_riscv:
    0: r_riscv_none
    1: r_riscv_32
    2: r_riscv_64
    3: r_riscv_relative
    4: r_riscv_copy
    5: r_riscv_jump_slot
    6: r_riscv_tls_dtpmod32
    7: r_riscv_tls_dtpmod64
    8: r_riscv_tls_dtprel32
    9: r_riscv_tls_dtprel64
    10: r_riscv_tls_tprel32
    11: r_riscv_tls_tprel64
    16: r_riscv_branch
    17: r_riscv_jal
    18: r_riscv_call
    19: r_riscv_call_plt
    20: r_riscv_got_hi20
    21: r_riscv_tls_got_hi20
    22: r_riscv_tls_gd_hi20
    23: r_riscv_pcrel_hi20
    24: r_riscv_pcrel_lo12_i
    25: r_riscv_pcrel_lo12_s
    26: r_riscv_hi20
    27: r_riscv_lo12_i
    28: r_riscv_lo12_s
    29: r_riscv_tprel_hi20
    30: r_riscv_tprel_lo12_i
    31: r_riscv_tprel_lo12_s
    32: r_riscv_tprel_add
    33: r_riscv_add8
    34: r_riscv_add16
    35: r_riscv_add32
    36: r_riscv_add64
    37: r_riscv_sub8
    38: r_riscv_sub16
    39: r_riscv_sub32
    40: r_riscv_sub64
    43: r_riscv_align
    44: r_riscv_rvc_branch
    45: r_riscv_rvc_jump
    46: r_riscv_rvc_lui
    47: r_riscv_gprel_i
    48: r_riscv_gprel_s
    49: r_riscv_tprel_i
    50: r_riscv_tprel_s
    51: r_riscv_relax
    52: r_riscv_sub6
    53: r_riscv_set6
    54: r_riscv_set8
    55: r_riscv_set16
    56: r_riscv_set32
    57: r_riscv_32_pcrel
    58: r_riscv_irelative
  reloc_loongarch:
    0: r_larch_none
    1: r_larch_32
    2: r_larch_64
    3: r_larch_relative
    4: r_larch_copy
    5: r_larch_jump_slot
    6: r_larch_tls_dtpmod32
    7: r_larch_tls_dtpmod64
    8: r_larch_tls_dtprel32
    9: r_larch_tls_dtprel64
    10: r_larch_tls_tprel32
    11: r_larch_tls_tprel64
    12: r_larch_irelative
    20: r_larch_mark_la
    21: r_larch_mark_pcrel
    22: r_larch_sop_push_pcrel
    23: r_larch_sop_push_absolute
    24: r_larch_sop_push_dup
    25: r_larch_sop_push_gprel
    26: r_larch_sop_push_tls_tprel
    27: r_larch_sop_push_tls_got
    28: r_larch_sop_push_tls_gd
    29: r_larch_sop_push_plt_pcrel
    30: r_larch_sop_assert
    31: r_larch_sop_not
    32: r_larch_sop_sub
    33: r_larch_sop_sl
    34: r_larch_sop_sr
    35: r_larch_sop_add
    36: r_larch_sop_and
    37: r_larch_sop_if_else
    38: r_larch_sop_pop_32_s_10_5
    39: r_larch_sop_pop_32_u_10_12
    40: r_larch_sop_pop_32_s_10_12
    41: r_larch_sop_pop_32_s_10_16
    42: r_larch_sop_pop_32_s_10_16_s2
    43: r_larch_sop_pop_32_s_5_20
    44: r_larch_sop_pop_32_s_0_5_10_16_s2
    45: r_larch_sop_pop_32_s_0_10_10_16_s2
    46: r_larch_sop_pop_32_u
    47: r_larch_add8
    48: r_larch_add16
    49: r_larch_add24
    50: r_larch_add32
    51: r_larch_add64
    52: r_larch_sub8
    53: r_larch_sub16
    54: r_larch_sub24
    55: r_larch_sub32
    56: r_larch_sub64
