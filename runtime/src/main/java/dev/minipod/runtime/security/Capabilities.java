package dev.minipod.runtime.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux capability names and numbers (linux/capability.h, up to CAP_CHECKPOINT_RESTORE = 40) and
 * containerd's default set for unprivileged containers (oci.defaultUnixCaps: 14 capabilities).
 * Sets are bit masks, bit n = capability n, as in /proc/PID/status.
 */
public final class Capabilities {
    private Capabilities() {}

    /** Index = capability number. */
    static final List<String> NAMES = List.of(
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
            "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
            "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
            "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
            "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
            "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
            "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    public static final int LAST = NAMES.size() - 1;
    public static final long ALL = (1L << NAMES.size()) - 1;

    /** containerd's defaultUnixCaps (the Docker default set). */
    public static final long DEFAULT = mask(List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
            "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"));

    /**
     * The number of a capability as containerd's CRI accepts it: any case, with or without the
     * {@code CAP_} prefix ("NET_ADMIN", "cap_net_admin"). Empty for unknown names and for "ALL".
     */
    public static Optional<Integer> number(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        int i = NAMES.indexOf(n.startsWith("CAP_") ? n : "CAP_" + n);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    public static boolean isAll(String name) {
        return name.equalsIgnoreCase("ALL");
    }

    public static boolean has(long set, int cap) {
        return (set & (1L << cap)) != 0;
    }

    public static String name(int cap) {
        return NAMES.get(cap);
    }

    public static List<String> names(long set) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= LAST; i++) {
            if (has(set, i)) {
                out.add(NAMES.get(i));
            }
        }
        return out;
    }

    static long mask(List<String> names) {
        long m = 0;
        for (String n : names) {
            m |= 1L << number(n).orElseThrow();
        }
        return m;
    }
}
