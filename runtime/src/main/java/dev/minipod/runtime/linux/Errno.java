package dev.minipod.runtime.linux;

/** The errno values minipod reacts to (x86-64 / generic Linux numbering). */
public final class Errno {
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ECHILD = 10;

    private Errno() {}
}
