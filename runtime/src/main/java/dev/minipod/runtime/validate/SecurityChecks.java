package dev.minipod.runtime.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's securityContext validation (validation.go: ValidatePodSecurityContext,
 * ValidateSecurityContext, validateSeccompProfileField, validateSysctls). What depends on the node
 * (allowed sysctls, LSMs, host capabilities, Localhost profile files) is security.SecurityPlanner's.
 */
final class SecurityChecks {
    private SecurityChecks() {}

    private static final long MAX_ID = 2147483647L;
    private static final String ID_RANGE = "must be between 0 and 2147483647, inclusive";
    /** apimachinery's SysctlContainSlashPatternFmt: dot- or slash-separated segments. */
    private static final Pattern SYSCTL = Pattern.compile(
            "([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?");

    static void pod(Pod pod, List<FieldError> out) {
        if (Boolean.TRUE.equals(pod.getSpec().getShareProcessNamespace()) && Boolean.TRUE.equals(pod.getSpec().getHostPID())) {
            out.add(FieldError.invalid("spec.shareProcessNamespace", true, "ShareProcessNamespace and HostPID cannot both be enabled"));
        }
        PodSecurityContext sc = pod.getSpec().getSecurityContext();
        if (sc == null) {
            return;
        }
        String p = "spec.securityContext";
        id(p + ".runAsUser", sc.getRunAsUser(), out);
        id(p + ".runAsGroup", sc.getRunAsGroup(), out);
        id(p + ".fsGroup", sc.getFsGroup(), out);
        List<Long> groups = sc.getSupplementalGroups() == null ? List.of() : sc.getSupplementalGroups();
        for (int i = 0; i < groups.size(); i++) {
            id(p + ".supplementalGroups[" + i + "]", groups.get(i), out);
        }
        if (sc.getFsGroupChangePolicy() != null && !List.of("OnRootMismatch", "Always").contains(sc.getFsGroupChangePolicy())) {
            out.add(FieldError.unsupported(p + ".fsGroupChangePolicy", sc.getFsGroupChangePolicy(), List.of("OnRootMismatch", "Always")));
        }
        seccomp(p + ".seccompProfile", sc.getSeccompProfile(), out);
        List<Sysctl> sysctls = sc.getSysctls() == null ? List.of() : sc.getSysctls();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sysctls.size(); i++) {
            String name = sysctls.get(i).getName() == null ? "" : sysctls.get(i).getName();
            String where = p + ".sysctls[" + i + "].name";
            if (name.isEmpty()) {
                out.add(FieldError.required(where, ""));
            } else if (name.length() > 253 || !SYSCTL.matcher(name).matches()) {
                out.add(FieldError.invalid(where, name, "must have at most 253 characters and match regex " + SYSCTL.pattern()));
            } else if (!seen.add(name.replace('/', '.'))) {
                out.add(FieldError.duplicate(where, name));
            }
        }
    }

    static void container(Container c, ContainerContext ctx, List<FieldError> out) {
        SecurityContext sc = c.getSecurityContext();
        if (sc == null) {
            return;
        }
        String p = ctx.path() + ".securityContext";
        id(p + ".runAsUser", sc.getRunAsUser(), out);
        id(p + ".runAsGroup", sc.getRunAsGroup(), out);
        if (sc.getProcMount() != null && !List.of("Default", "Unmasked").contains(sc.getProcMount())) {
            out.add(FieldError.unsupported(p + ".procMount", sc.getProcMount(), List.of("Default", "Unmasked")));
        }
        seccomp(p + ".seccompProfile", sc.getSeccompProfile(), out);
        if (Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                out.add(new FieldError(p, FieldError.Type.FORBIDDEN, null,
                        "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
            }
            List<String> add = sc.getCapabilities() == null || sc.getCapabilities().getAdd() == null ? List.of()
                    : sc.getCapabilities().getAdd();
            if (add.contains("CAP_SYS_ADMIN")) {
                out.add(new FieldError(p, FieldError.Type.FORBIDDEN, null,
                        "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
            }
        }
    }

    private static void seccomp(String p, SeccompProfile s, List<FieldError> out) {
        if (s == null) {
            return;
        }
        String type = s.getType() == null ? "" : s.getType();
        List<String> types = List.of("Localhost", "RuntimeDefault", "Unconfined");
        if (type.isEmpty()) {
            out.add(FieldError.required(p + ".type", ""));
        } else if (!types.contains(type)) {
            out.add(FieldError.unsupported(p + ".type", type, types));
        }
        boolean hasLocal = s.getLocalhostProfile() != null && !s.getLocalhostProfile().isEmpty();
        if (type.equals("Localhost") && !hasLocal) {
            out.add(FieldError.required(p + ".localhostProfile", "must be set when seccomp type is Localhost"));
        } else if (!type.equals("Localhost") && s.getLocalhostProfile() != null) {
            out.add(FieldError.invalid(p + ".localhostProfile", s.getLocalhostProfile(),
                    "can only be set when seccomp type is Localhost"));
        }
    }

    private static void id(String path, Long v, List<FieldError> out) {
        if (v != null && (v < 0 || v > MAX_ID)) {
            out.add(FieldError.invalid(path, v, ID_RANGE));
        }
    }
}
