meta:
  id: linux_livepatch
  title: Linux kernel livepatch module data (klp structs, kpatch sections, .modinfo, __versions)
  application:
    - Linux kernel livepatch (kernel/livepatch, CONFIG_LIVEPATCH)
    - kpatch-build (dynup/kpatch), create-klp-module, create-kpatch-module
  file-extension: ko
  license: Apache-2.0
  ks-version: 0.11
  endian: le
doc: |
  The fixed-layout records found in the sections of a Linux livepatch module (an ELF64
  relocatable object, `.ko`). This spec does not describe a whole file: the ELF
  container is `elf.ksy`; kpaudit's parser finds each record by section and offset and
  reads it with the type below.

  * `klp_func_ext`, `klp_object_ext`, `klp_patch_ext`, `klp_state`: the statically
    initialised part ("external" fields) of the kernel's livepatch structs. In a `.ko`
    every pointer field is zero in the section bytes; its value is an `R_X86_64_64`
    relocation (symbol + addend) at the field's offset. Only the plain numbers
    (`old_sympos`, `replace`, `klp_state.id/version`) are bytes of the file. The structs
    embed a `struct kobject` and other run-time fields after the prefix described here,
    so their size (the stride of an array) depends on the kernel build: 152 bytes for
    `klp_func` and 168 for `klp_object` on Debian 6.1 and 6.12 x86_64 (the parser
    derives the stride from the file instead of assuming it).
  * `kpatch_*`: the records kpatch-build writes (`.kpatch.funcs`, `.kpatch.dynrelas`,
    `.kpatch.symbols`, `.kpatch.relocations`, `.kpatch.callbacks.*`, `.kpatch.arch`).
  * `modinfo`: the `.modinfo` section, NUL-separated `key=value` strings.
  * `modversion_info`: one entry of `__versions` (CONFIG_MODVERSIONS).
  * `this_module_head`: the start of `struct module` in `.gnu.linkonce.this_module`.

  All of it is the x86_64 / 64-bit little-endian layout; big-endian livepatch
  architectures (s390x) are not covered.

  Constants used beside these records (not records themselves): section flag
  SHF_RELA_LIVEPATCH = 0x00100000 on `.klp.rela.<object>.<section>` sections, symbol
  section index SHN_LIVEPATCH = 0xff20 on `.klp.sym.<object>.<symbol>,<sympos>` symbols
  (`include/uapi/linux/elf.h`), MODULE_NAME_LEN = 56 on 64-bit, KSYM_NAME_LEN = 512
  since Linux 6.1 (128 before).
doc-ref:
  - Linux 6.12.117 include/linux/livepatch.h (struct klp_func, klp_callbacks, klp_object, klp_patch, klp_state)
  - Linux 6.12.117 include/uapi/linux/elf.h (SHF_RELA_LIVEPATCH, SHN_LIVEPATCH)
  - Linux 6.12.117 Documentation/livepatch/module-elf-format.rst
  - https://github.com/dynup/kpatch kmod/patch/kpatch-patch.h, kpatch-build/kpatch-intermediate.h, kmod/patch/kpatch.lds.S (master 7085e9d)
  - kpaudit docs, klp-format.md sections 1.2, 2.1 to 2.4 and 4.4 (layouts checked with pahole and offsetof probes on 6.1 and 6.12)
types:
  klp_func_ext:
    doc: |
      The statically initialised prefix of `struct klp_func` (one patched function). An
      array of them ends with an entry whose old_name, new_func and old_sympos are all 0.
    doc-ref: Linux 6.12 include/linux/livepatch.h struct klp_func; klp_for_each_func_static()
    seq:
      - id: old_name
        type: u8
        doc: Pointer to the name of the function to replace (relocated; 0 in the file).
      - id: new_func
        type: u8
        doc: Pointer to the replacement function (relocated; 0 in the file).
      - id: old_sympos
        type: u8
        doc: |
          Position of old_name among the symbols of that name in the object, in kallsyms
          order; 0 means the name must be unique, 1 is the first occurrence.

  klp_callbacks:
    doc: The object callbacks, function pointers (relocated; 0 in the file when absent).
    doc-ref: Linux 6.12 include/linux/livepatch.h struct klp_callbacks
    seq:
      - id: pre_patch
        type: u8
      - id: post_patch
        type: u8
      - id: pre_unpatch
        type: u8
      - id: post_unpatch
        type: u8
      - id: post_unpatch_enabled
        type: u1
        doc: Run time only.

  klp_object_ext:
    doc: |
      The statically initialised prefix of `struct klp_object` (one patched object:
      vmlinux when name is NULL, else a module). An array of them ends with an entry whose
      name and funcs are both NULL.
    doc-ref: Linux 6.12 include/linux/livepatch.h struct klp_object; klp_for_each_object_static()
    seq:
      - id: name
        type: u8
        doc: Pointer to the module name; NULL for vmlinux.
      - id: funcs
        type: u8
        doc: Pointer to the klp_func array.
      - id: callbacks
        type: klp_callbacks

  klp_patch_ext:
    doc: The statically initialised prefix of `struct klp_patch`, the root passed to klp_enable_patch().
    doc-ref: Linux 6.12 include/linux/livepatch.h struct klp_patch
    seq:
      - id: mod
        type: u8
        doc: THIS_MODULE, a relocation to `__this_module`.
      - id: objs
        type: u8
        doc: Pointer to the klp_object array.
      - id: states
        type: u8
        doc: Pointer to the klp_state array, or NULL.
      - id: replace_raw
        type: u1
        doc: The `replace` bool (cumulative patch / atomic replace), a plain byte.
    instances:
      replace:
        value: replace_raw != 0

  klp_state:
    doc: |
      One system state a patch declares (since Linux 5.5). Plain numbers, except `data`.
      An array of them ends with an entry whose id is 0.
    doc-ref: Linux 6.12 include/linux/livepatch.h struct klp_state; kernel/livepatch/state.c klp_for_each_state()
    seq:
      - id: id
        type: u8
      - id: version
        type: u4
      - id: pad
        size: 4
      - id: data
        type: u8
        doc: Run-time pointer, 0 in the file.

  kpatch_patch_func:
    doc: |
      One entry of `.kpatch.funcs` (56 bytes), written by kpatch-build; kept in both the
      klp and the legacy kpatch.ko output. new_addr, name and objname are relocated.
      The module's init code (livepatch-patch-hook.c patch_init()) builds the klp structs
      from these entries at run time, grouping them by objname ("vmlinux" becomes a NULL
      object name).
    doc-ref: https://github.com/dynup/kpatch kmod/patch/kpatch-patch.h struct kpatch_patch_func (master 7085e9d)
    seq:
      - id: new_addr
        type: u8
        doc: The replacement function (relocated).
      - id: new_size
        type: u8
      - id: old_addr
        type: u8
        doc: Address of the original function in the target's symbol table (not KASLR-adjusted).
      - id: old_size
        type: u8
      - id: sympos
        type: u8
      - id: name
        type: u8
        doc: Pointer into `.kpatch.strings` (relocated).
      - id: objname
        type: u8
        doc: Pointer into `.kpatch.strings` (relocated).

  kpatch_patch_dynrela:
    doc: One entry of `.kpatch.dynrelas` (64 bytes), legacy kpatch.ko modules only.
    doc-ref: https://github.com/dynup/kpatch kmod/patch/kpatch-patch.h struct kpatch_patch_dynrela (master 7085e9d)
    seq:
      - id: dest
        type: u8
        doc: The place to patch (relocated).
      - id: src
        type: u8
        doc: Address of the symbol in the target's symbol table (0 for exported symbols).
      - id: type
        type: u8
        doc: Relocation type (the machine's R_* number).
      - id: sympos
        type: u8
      - id: name
        type: u8
        doc: Pointer to the symbol name (relocated).
      - id: objname
        type: u8
        doc: Pointer to the object name (relocated).
      - id: external
        type: s4
      - id: pad
        size: 4
      - id: addend
        type: s8

  kpatch_symbol:
    doc: One entry of `.kpatch.symbols` (40 bytes), in create-diff-object's intermediate output.
    doc-ref: https://github.com/dynup/kpatch kpatch-build/kpatch-intermediate.h struct kpatch_symbol (master 7085e9d)
    seq:
      - id: src
        type: u8
      - id: sympos
        type: u8
      - id: bind
        type: u1
        doc: STB_* of the symbol.
      - id: sym_type
        type: u1
        doc: STT_* of the symbol.
      - id: pad
        size: 6
      - id: name
        type: u8
        doc: Pointer to the name (relocated).
      - id: objname
        type: u8
        doc: Pointer to the object name (relocated).

  kpatch_relocation:
    doc: One entry of `.kpatch.relocations` (40 bytes), in create-diff-object's intermediate output.
    doc-ref: https://github.com/dynup/kpatch kpatch-build/kpatch-intermediate.h struct kpatch_relocation (master 7085e9d)
    seq:
      - id: dest
        type: u8
        doc: The place to patch (relocated).
      - id: type
        type: u4
        doc: Relocation type (the machine's R_* number).
      - id: external
        type: s4
      - id: addend
        type: s8
      - id: objname
        type: u8
        doc: Pointer to the object name (relocated).
      - id: ksym
        type: u8
        doc: Pointer to a `kpatch_symbol` in `.kpatch.symbols` (relocated).

  kpatch_callback:
    doc: |
      One entry of `.kpatch.callbacks.{pre_patch,post_patch,pre_unpatch,post_unpatch}`
      (16 bytes). The linker script pads each section with 8 zero bytes.
    doc-ref: https://github.com/dynup/kpatch kmod/patch/kpatch-patch.h struct kpatch_pre_patch_callback; kmod/patch/kpatch.lds.S
    seq:
      - id: callback
        type: u8
        doc: The callback function (relocated).
      - id: objname
        type: u8
        doc: Pointer to the object name (relocated).

  kpatch_arch:
    doc: One entry of `.kpatch.arch` (16 bytes), for `.klp.arch.*` sections on kernels before 5.8.
    doc-ref: https://github.com/dynup/kpatch kpatch-build/kpatch-intermediate.h struct kpatch_arch
    seq:
      - id: sec
        type: u8
      - id: objname
        type: u8

  modinfo:
    doc: |
      The `.modinfo` section: NUL-terminated `key=value` strings, possibly separated by
      extra NUL bytes (alignment). The loader finds keys by prefix `key=`; a livepatch
      module has the key `livepatch`.
    doc-ref: Linux 6.12 kernel/module/main.c get_next_modinfo(), check_modinfo_livepatch()
    seq:
      - id: entries
        terminator: 0
        eos-error: false
        repeat: eos

  modversion_info:
    doc: "One entry of `__versions` (64 bytes), the CRC the module expects for a symbol it uses."
    doc-ref: Linux 6.12 include/linux/module.h struct modversion_info (MODULE_NAME_LEN 56 on 64-bit)
    seq:
      - id: crc
        type: u8
      - id: name
        size: 56
        doc: NUL-padded symbol name.

  this_module_head:
    doc: |
      The start of `struct module` (section `.gnu.linkonce.this_module`): the module name
      at offset 24, after `state` and `list`. modpost fills it in the file.
    doc-ref: Linux 6.12 include/linux/module.h struct module (name[MODULE_NAME_LEN] after enum module_state state and struct list_head list)
    seq:
      - id: state
        type: u4
      - id: pad
        size: 4
      - id: list
        size: 16
      - id: name
        size: 56
