meta:
  id: linux_core_notes
  title: Linux core dump note descriptors (NT_PRSTATUS, NT_PRPSINFO, NT_AUXV, NT_FILE, NT_SIGINFO)
  application:
    - Linux kernel core dumps (fs/binfmt_elf.c)
    - gdb gcore
  license: Apache-2.0
  ks-version: 0.11
  endian: le
doc: |
  The descriptors of the notes that the Linux kernel (and gdb's `gcore`, which imitates it)
  writes into the PT_NOTE segment of an ELF core dump. The notes themselves (name, type,
  descriptor) are read with `elf.ksy`; each type here parses one descriptor, given as its
  own stream.

  Layouts are those of little-endian 64-bit Linux (x86_64, aarch64), where `long`,
  `unsigned long` and pointers are 8 bytes and `int`, `pid_t`, `uid_t` are 4 bytes. NT_FILE
  and NT_AUXV are made of `long` words only and also take a `word_size` of 4 for 32-bit
  cores. Register sets (`pr_reg`) differ per architecture and are read as a list of
  words whose count follows from the descriptor size.

  Nothing here trusts a count: NT_FILE's entry count is checked against the descriptor
  size (`valid`) before any entry is read.
doc-ref:
  - https://github.com/torvalds/linux/blob/v6.1/include/uapi/linux/elfcore.h struct elf_siginfo, elf_prstatus, elf_prpsinfo
  - https://github.com/torvalds/linux/blob/v6.1/include/linux/elfcore.h struct elf_prstatus_common (kernel view since 5.18)
  - https://github.com/torvalds/linux/blob/v6.1/fs/binfmt_elf.c fill_files_note() (NT_FILE format), fill_auxv_note(), fill_siginfo_note()
  - https://github.com/torvalds/linux/blob/v6.1/include/uapi/linux/auxvec.h and arch/x86/include/uapi/asm/auxvec.h (AT_* values)
  - https://github.com/torvalds/linux/blob/v6.1/include/uapi/asm-generic/siginfo.h (siginfo_t layout)
  - https://github.com/torvalds/linux/blob/v6.1/include/uapi/asm-generic/signal.h (signal numbers)
seq: []
types:
  prstatus:
    doc: |
      NT_PRSTATUS (1), one per thread: struct elf_prstatus. `pr_info` is struct elf_siginfo
      (signo, code, errno - in this order, unlike siginfo_t). The register set `pr_reg` is
      elf_gregset_t of the architecture (x86_64: 27 words in the order of struct
      user_regs_struct; aarch64: 34 words, x0-x30, sp, pc, pstate), followed by `pr_fpvalid`
      and 4 bytes of padding, so the word count is (descriptor size - 120) / 8.
    doc-ref:
      - include/uapi/linux/elfcore.h struct elf_prstatus
      - arch/x86/include/asm/user_64.h struct user_regs_struct; arch/arm64/include/uapi/asm/ptrace.h struct user_pt_regs
    seq:
      - id: info_signo
        type: s4
        doc: pr_info.si_signo, the signal that caused the dump (0 for gcore).
      - id: info_code
        type: s4
      - id: info_errno
        type: s4
      - id: cursig
        type: s2
        doc: pr_cursig, the current signal.
      - id: pad
        size: 2
      - id: sigpend
        type: u8
        doc: Pending signals (bit mask of the first 64).
      - id: sighold
        type: u8
        doc: Blocked signals.
      - id: pid
        type: s4
        doc: The thread id.
      - id: ppid
        type: s4
      - id: pgrp
        type: s4
      - id: sid
        type: s4
      - id: utime
        type: timeval
      - id: stime
        type: timeval
      - id: cutime
        type: timeval
      - id: cstime
        type: timeval
      - id: regs
        type: u8
        repeat: expr
        repeat-expr: num_regs
        doc: pr_reg, in the architecture's order.
      - id: fpvalid
        type: s4
        if: _io.size - _io.pos >= 4
    instances:
      num_regs:
        value: '_io.size >= 120 ? (_io.size - 120) / 8 : 0'
      cursig_name:
        value: cursig
        enum: signal

  timeval:
    doc: struct __kernel_old_timeval (64-bit)
    seq:
      - id: sec
        type: s8
      - id: usec
        type: s8

  prpsinfo:
    doc: |
      NT_PRPSINFO (3), once per process: struct elf_prpsinfo, 136 bytes on 64-bit Linux.
    doc-ref: include/uapi/linux/elfcore.h struct elf_prpsinfo (ELF_PRARGSZ 80)
    seq:
      - id: state
        type: s1
        doc: Numeric process state.
      - id: sname
        type: u1
        doc: State as a letter (R, S, D, T, Z ...).
      - id: zomb
        type: s1
      - id: nice
        type: s1
      - id: pad
        size: 4
      - id: flag
        type: u8
        doc: Task flags (PF_*).
      - id: uid
        type: u4
      - id: gid
        type: u4
      - id: pid
        type: s4
      - id: ppid
        type: s4
      - id: pgrp
        type: s4
      - id: sid
        type: s4
      - id: fname
        size: 16
        doc: The executable's name (comm), NUL-padded.
      - id: psargs
        size: 80
        doc: The start of the command line, arguments separated by spaces, NUL-padded.

  auxv:
    doc: |
      NT_AUXV (6): a copy of the process's auxiliary vector, pairs of words
      (a_type, a_val) up to and including AT_NULL.
    doc-ref: fs/binfmt_elf.c fill_auxv_note(); include/uapi/linux/auxvec.h
    params:
      - id: word_size
        type: u1
    seq:
      - id: entries
        type: auxv_entry(word_size)
        repeat: until
        repeat-until: _.type_raw == 0 or _io.size - _io.pos < 2 * word_size

  auxv_entry:
    params:
      - id: word_size
        type: u1
    seq:
      - id: type_raw
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
      - id: value
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
    instances:
      type:
        value: type_raw
        enum: auxv_type

  file_note:
    doc: |
      NT_FILE (0x46494c45, "FILE"): the file-backed mappings of the process.
      A count, the unit of the file offsets (the page size in kernel cores, 1 in gdb's
      gcore), `count` triples (start, end, file offset in units), then `count`
      NUL-terminated path names.
    doc-ref: fs/binfmt_elf.c fill_files_note() (comment "Format of NT_FILE note")
    params:
      - id: word_size
        type: u1
    seq:
      - id: num_entries
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
        valid:
          expr: _ <= (_io.size - 2 * word_size) / (3 * word_size)
        doc: How many files are mapped. Checked against the descriptor size before any entry is read.
      - id: page_size
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
    instances:
      entries:
        pos: 2 * word_size
        type: file_entry(word_size)
        repeat: expr
        repeat-expr: num_entries
      names_offset:
        value: 2 * word_size + num_entries * 3 * word_size
        doc: Where the path names start in the descriptor.

  file_entry:
    params:
      - id: word_size
        type: u1
    seq:
      - id: start
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
      - id: end
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
      - id: file_ofs
        type:
          switch-on: word_size
          cases:
            4: u4
            _: u8
        doc: Offset of the mapping in the file, in units of `page_size`.

  siginfo:
    doc: |
      NT_SIGINFO (0x53494749, "SIGI"): the siginfo_t of the signal that caused the dump,
      128 bytes. The union after the first three ints starts at offset 16 on 64-bit Linux:
      for faults (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP) it holds the fault address,
      for kill() and tgkill() the sender's pid and uid.
    doc-ref: include/uapi/asm-generic/siginfo.h (siginfo_t, __SI_MAX_SIZE 128); fs/binfmt_elf.c fill_siginfo_note()
    seq:
      - id: signo
        type: s4
      - id: errno
        type: s4
      - id: code
        type: s4
        doc: si_code; > 0 for kernel-generated signals, SI_USER (0) for kill(), SI_TKILL (-6) for tgkill().
    instances:
      signal:
        value: signo
        enum: signal
      fault_address:
        pos: 16
        type: u8
        if: _io.size >= 24
        doc: _sigfault._addr (meaningful for fault signals).
      sender_pid:
        pos: 16
        type: s4
        if: _io.size >= 20
        doc: _kill._pid (meaningful when si_code <= 0).
      sender_uid:
        pos: 20
        type: u4
        if: _io.size >= 24
        doc: _kill._uid (meaningful when si_code <= 0).

enums:
  auxv_type:
    0: at_null
    1: at_ignore
    2: at_execfd
    3: at_phdr
    4: at_phent
    5: at_phnum
    6: at_pagesz
    7: at_base
    8: at_flags
    9: at_entry
    10: at_notelf
    11: at_uid
    12: at_euid
    13: at_gid
    14: at_egid
    15: at_platform
    16: at_hwcap
    17: at_clktck
    23: at_secure
    24: at_base_platform
    25: at_random
    26: at_hwcap2
    27: at_rseq_feature_size
    28: at_rseq_align
    29: at_hwcap3
    30: at_hwcap4
    31: at_execfn
    32: at_sysinfo
    33: at_sysinfo_ehdr
    51: at_minsigstksz
  signal:
    1: sighup
    2: sigint
    3: sigquit
    4: sigill
    5: sigtrap
    6: sigabrt
    7: sigbus
    8: sigfpe
    9: sigkill
    10: sigusr1
    11: sigsegv
    12: sigusr2
    13: sigpipe
    14: sigalrm
    15: sigterm
    16: sigstkflt
    17: sigchld
    18: sigcont
    19: sigstop
    20: sigtstp
    21: sigttin
    22: sigttou
    23: sigurg
    24: sigxcpu
    25: sigxfsz
    26: sigvtalrm
    27: sigprof
    28: sigwinch
    29: sigio
    30: sigpwr
    31: sigsys
