package dev.minipod.runtime.security;

import java.util.List;
import java.util.Map;

/**
 * What one container may do, decided from the pod's and the container's securityContext (the
 * container's fields win) and the node's security options. Pure data; the monitor's child applies it.
 *
 * @param runAsUser   uid to run as, or null for the image's user
 * @param runAsGroup  gid to run as, or null for the image user's group
 * @param supplementalGroups spec supplementalGroups then fsGroup (the image user's groups are added at start)
 * @param imageGroups false with supplementalGroupsPolicy Strict: the image's /etc/group is not consulted
 * @param nonRootError kubelet's CreateContainerConfigError message when runAsNonRoot cannot hold, else null
 * @param capabilities bounding = permitted = effective set (bit n = capability n)
 * @param noNewPrivileges prctl(PR_SET_NO_NEW_PRIVS) before exec
 * @param maskedPaths paths hidden (a file under /dev/null, a directory under an empty read-only tmpfs)
 * @param readonlyPaths paths bound read-only onto themselves
 * @param seccomp the filter to install last before exec, or null (Unconfined)
 * @param sysctls namespaced sysctls (dotted names) written in the container's namespaces
 */
public record SecurityPlan(
        Long runAsUser,
        Long runAsGroup,
        List<Long> supplementalGroups,
        boolean imageGroups,
        Long fsGroup,
        String nonRootError,
        boolean readOnlyRootFilesystem,
        boolean privileged,
        long capabilities,
        boolean noNewPrivileges,
        List<String> maskedPaths,
        List<String> readonlyPaths,
        SeccompFilter seccomp,
        Map<String, String> sysctls) {

    /** A container without a securityContext: containerd's defaults. */
    public static SecurityPlan defaults() {
        return new SecurityPlan(null, null, List.of(), true, null, null, false, false, Capabilities.DEFAULT, false,
                ProcPaths.MASKED, ProcPaths.READONLY, null, Map.of());
    }
}
