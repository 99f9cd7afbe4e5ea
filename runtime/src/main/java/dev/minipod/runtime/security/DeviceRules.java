package dev.minipod.runtime.security;

import java.util.List;

/**
 * Which device nodes a container may use, as cgroup v1 {@code devices.allow} lines after a
 * {@code devices.deny a} (cgroup v2 compiles the same rules to a BPF device program). runc's
 * AllowedDevices: mknod of anything (opening it is what is guarded), the standard nodes, pts,
 * ptmx and tun; privileged containers get everything. The cgroup driver applies these: without
 * them a container holding CAP_MKNOD (a default capability) could mknod and read the host's disks.
 */
public final class DeviceRules {
    private DeviceRules() {}

    public static final List<String> DEFAULT = List.of(
            "c *:* m", "b *:* m",
            "c 1:3 rwm", "c 1:5 rwm", "c 1:7 rwm", "c 1:8 rwm", "c 1:9 rwm", // null zero full random urandom
            "c 5:0 rwm", "c 5:1 rwm", "c 5:2 rwm",                           // tty console ptmx
            "c 136:* rwm",                                                  // the pts devices
            "c 10:200 rwm");                                                // net/tun

    public static final List<String> PRIVILEGED = List.of("a *:* rwm");

    public static List<String> forContainer(SecurityPlan s) {
        return s.privileged() ? PRIVILEGED : DEFAULT;
    }
}
