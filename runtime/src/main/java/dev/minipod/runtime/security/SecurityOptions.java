package dev.minipod.runtime.security;

import java.nio.file.Path;
import java.util.List;

/**
 * The node's side of security decisions.
 *
 * @param seccompProfileRoot where Localhost profiles live (kubelet: {@code <root-dir>/seccomp})
 * @param allowedUnsafeSysctls kubelet's {@code --allowed-unsafe-sysctls} (names or prefixes ending in {@code *})
 * @param hostCapabilities the bounding set the daemon runs with: a container can get no more
 * @param appArmor, seLinux whether the host has these LSMs enabled
 * @param seccompDefault kubelet's {@code --seccomp-default}: RuntimeDefault when no profile is set (off: Unconfined)
 */
public record SecurityOptions(Path seccompProfileRoot, List<String> allowedUnsafeSysctls, long hostCapabilities,
                              boolean appArmor, boolean seLinux, boolean seccompDefault) {

    /** For tests and planning without a host: every capability, no LSM, Unconfined by default. */
    public static SecurityOptions defaults(Path seccompProfileRoot) {
        return new SecurityOptions(seccompProfileRoot, List.of(), Capabilities.ALL, false, false, false);
    }
}
