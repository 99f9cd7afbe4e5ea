package dev.minipod.runtime.linux;

/** The errno values minipod reacts to (x86-64 / generic Linux numbering). */
public final class Errno {
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ECHILD = 10;

    private Errno() {}
}
