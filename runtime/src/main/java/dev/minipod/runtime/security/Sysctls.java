package dev.minipod.runtime.security;

import java.util.List;
import java.util.Set;

/**
 * Which sysctls a pod may set (kubelet pkg/kubelet/sysctl): the safe set is always allowed; others
 * only when the daemon's {@code --allowed-unsafe-sysctls} names them (a trailing {@code *} matches
 * a prefix) and they are namespaced (ipc: kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*; net.*),
 * since they are written inside the pod's namespaces.
 */
public final class Sysctls {
    private Sysctls() {}

    /** kubelet's SafeSysctlAllowlist (v1.32), all supported by this kernel. */
    public static final Set<String> SAFE = Set.of(
            "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

    /** kubelet's conversion of a slash-separated name ("net/ipv4/conf/eth0.1/forwarding") to dots. */
    public static String dotted(String name) {
        int firstSep = name.indexOf('.') >= 0 && (name.indexOf('/') < 0 || name.indexOf('.') < name.indexOf('/')) ? '.' : '/';
        if (firstSep == '.') {
            return name;
        }
        StringBuilder b = new StringBuilder();
        for (char ch : name.toCharArray()) {
            b.append(ch == '/' ? '.' : ch == '.' ? '/' : ch);
        }
        return b.toString();
    }

    public static boolean namespaced(String dotted) {
        return dotted.startsWith("net.") || dotted.startsWith("fs.mqueue.") || dotted.startsWith("kernel.shm")
                || dotted.startsWith("kernel.msg") || dotted.equals("kernel.sem");
    }

    /** Null when allowed, else kubelet's reason text ({@code "x" not allowlisted}). */
    public static String refusal(String dotted, List<String> allowedUnsafe) {
        if (SAFE.contains(dotted)) {
            return null;
        }
        for (String pattern : allowedUnsafe) {
            boolean match = pattern.endsWith("*") ? dotted.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(dotted);
            if (match) {
                return namespaced(dotted) ? null : "\"" + dotted + "\" not namespaced";
            }
        }
        return "\"" + dotted + "\" not allowlisted";
    }

    /** The file under /proc/sys a dotted name is written to. */
    public static String procPath(String dotted) {
        StringBuilder b = new StringBuilder("/proc/sys/");
        for (char ch : dotted.toCharArray()) {
            b.append(ch == '.' ? '/' : ch == '/' ? '.' : ch);
        }
        return b.toString();
    }
}
