package dev.minipod.runtime.linux;

import dev.minipod.runtime.MinipodException;

/** A failed system call: keeps errno as data; the message reads {@code stage: ENAME: message}. */
public final class SyscallException extends MinipodException {
    private final int errno;

    public SyscallException(String stage, int errno, String errName, String errText) {
        super("SyscallFailed", 1, stage + ": " + errName + ": " + errText);
        this.errno = errno;
    }

    /** For errors already formatted by the C side ("stage: ENAME: message"). */
    public SyscallException(int errno, String formatted) {
        super("SyscallFailed", 1, formatted);
        this.errno = errno;
    }

    public int errno() { return errno; }
}
