package dev.minipod.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.rootfs.UserResolver;
import dev.minipod.runtime.security.SecurityPlan;

/**
 * A container's identity and security as monitor config keys (docs/internals.md): the container
 * itself and every process exec'd into it get the same uid/gid/groups (and runc's HOME when the
 * env has none), rlimits, capabilities, no_new_privs and seccomp filter (as runc applies the
 * container's process settings to exec).
 */
final class SecurityConfig {
    private SecurityConfig() {}

    /** Containers get RLIMIT_NOFILE soft = hard = the daemon's hard limit, never more (no CAP_SYS_RESOURCE needed). */
    static final long NOFILE = daemonNofileHard();

    static void put(MonitorConfig config, Path rootfs, ContainerPlan c) {
        SecurityPlan s = c.security();
        UserResolver.Ids ids = UserResolver.forContainer(rootfs, c.user(), s);
        config.put("uid", Integer.toUnsignedString(ids.uid()))
                .put("gid", Integer.toUnsignedString(ids.gid()))
                .put("groups", ids.groups().stream().map(Integer::toUnsignedString).collect(Collectors.joining(",")));
        if (c.env().stream().noneMatch(e -> e.startsWith("HOME="))) {
            config.put("env", "HOME=" + UserResolver.home(rootfs, ids.uid()));
        }
        if (NOFILE > 0) {
            config.put("rlimit", "nofile " + NOFILE + " " + NOFILE);
        }
        config.put("caps", Long.toHexString(s.capabilities()));
        if (s.noNewPrivileges()) {
            config.put("nonewprivs", "1");
        }
        if (s.seccomp() != null) {
            config.put("seccomp", s.seccomp().hex());
        }
    }

    /** The "Max open files" hard limit in /proc/self/limits; 0 if unreadable (the monitor then inherits). */
    private static long daemonNofileHard() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[1].equals("unlimited") ? 0 : Long.parseLong(f[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
