package org.kpaudit.model;

/**
 * The NT_SIGINFO note of a core dump: the signal that caused it.
 *
 * @param signal si_signo, named when known ({@code SIGSEGV})
 * @param errno si_errno
 * @param code si_code (&gt; 0 for signals the kernel raised, &lt;= 0 for kill/tgkill/sigqueue)
 * @param faultAddress si_addr (meaningful for SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP)
 * @param senderPid si_pid (meaningful when {@code code <= 0})
 * @param senderUid si_uid (meaningful when {@code code <= 0})
 */
public record CoreSignal(Code signal, int errno, int code, long faultAddress, long senderPid, long senderUid) {

    /** True when si_code says a process sent the signal (kill, tgkill, sigqueue). */
    public boolean sentByProcess() {
        return code <= 0;
    }
}
