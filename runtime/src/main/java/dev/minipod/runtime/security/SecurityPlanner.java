package dev.minipod.runtime.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.minipod.runtime.validate.FieldError;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;

/**
 * Decides a container's {@link SecurityPlan} from the pod's and the container's securityContext
 * (the container's field wins where both have it) and the node's {@link SecurityOptions}: the
 * checks that depend on the node (host capabilities, LSMs, allowed sysctls, Localhost profiles)
 * live here; the API's own checks are in {@code validate.SecurityChecks}. Pure apart from reading
 * Localhost profiles through the given reader.
 */
public final class SecurityPlanner {
    /** Reads a Localhost profile by its path relative to the profile root. */
    @FunctionalInterface
    public interface ProfileReader {
        String read(String relativePath) throws IOException;
    }

    private static final String DEFAULT_PROFILE = readDefaultProfile();

    private final SecurityOptions options;
    private final ProfileReader profiles;

    public SecurityPlanner(SecurityOptions options, ProfileReader profiles) {
        this.options = options;
        this.profiles = profiles;
    }

    /** For planning without a node (tests, tools): every capability, no LSM, no Localhost profiles. */
    public static SecurityPlanner hostless() {
        return new SecurityPlanner(SecurityOptions.defaults(java.nio.file.Path.of("/nonexistent")),
                rel -> { throw new java.nio.file.NoSuchFileException(rel); });
    }

    /** containerd's RuntimeDefault profile as OCI JSON (moby's default.json rules, written as data). */
    public static String defaultProfile() {
        return DEFAULT_PROFILE;
    }

    /**
     * @param path      the container's field path, e.g. {@code spec.containers[0]}
     * @param imageUser the image's configured user ("", "1000", "1000:50", "nobody")
     * @param errors    receives every problem, each naming its field
     */
    public SecurityPlan plan(Pod pod, Container c, String path, String imageUser, List<FieldError> errors) {
        PodSecurityContext psc = pod.getSpec().getSecurityContext() == null ? new PodSecurityContext()
                : pod.getSpec().getSecurityContext();
        SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        String scPath = path + ".securityContext";
        Long runAsUser = first(sc.getRunAsUser(), psc.getRunAsUser());
        Long runAsGroup = first(sc.getRunAsGroup(), psc.getRunAsGroup());
        boolean nonRoot = Boolean.TRUE.equals(first(sc.getRunAsNonRoot(), psc.getRunAsNonRoot()));
        boolean privileged = Boolean.TRUE.equals(sc.getPrivileged());

        lsms(psc.getSeLinuxOptions(), psc.getAppArmorProfile(), psc.getWindowsOptions() != null, "spec.securityContext", errors);
        lsms(sc.getSeLinuxOptions(), sc.getAppArmorProfile(), sc.getWindowsOptions() != null, scPath, errors);
        appArmorAnnotation(pod, c.getName(), errors);

        long caps = privileged ? options.hostCapabilities() : capabilities(sc, scPath, errors);
        List<Long> groups = new ArrayList<>();
        if (psc.getSupplementalGroups() != null) {
            groups.addAll(psc.getSupplementalGroups());
        }
        if (psc.getFsGroup() != null) {
            groups.add(psc.getFsGroup());
        }
        boolean unmasked = "Unmasked".equals(sc.getProcMount());
        if (unmasked) {
            errors.add(FieldError.forbidden(scPath + ".procMount",
                    "`Unmasked` needs a user namespace (`hostUsers: false`), which minipod does not create"));
        }
        SeccompFilter seccomp = privileged ? null : seccomp(sc, psc, scPath, caps, errors);
        return new SecurityPlan(runAsUser, runAsGroup, List.copyOf(new LinkedHashSet<>(groups)),
                !"Strict".equals(psc.getSupplementalGroupsPolicy()), psc.getFsGroup(),
                nonRoot ? RunAsNonRoot.check(pod, c.getName(), runAsUser, imageUser) : null,
                Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()), privileged, caps,
                Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()),
                privileged ? List.of() : ProcPaths.MASKED, privileged ? List.of() : ProcPaths.READONLY,
                seccomp, sysctls(psc, errors));
    }

    /** containerd's order: add ALL, drop ALL, then each add, then each drop; names with or without CAP_. */
    private long capabilities(SecurityContext sc, String scPath, List<FieldError> errors) {
        long caps = Capabilities.DEFAULT;
        if (sc.getCapabilities() == null) {
            return caps;
        }
        List<String> add = sc.getCapabilities().getAdd() == null ? List.of() : sc.getCapabilities().getAdd();
        List<String> drop = sc.getCapabilities().getDrop() == null ? List.of() : sc.getCapabilities().getDrop();
        if (add.stream().anyMatch(Capabilities::isAll)) {
            caps = options.hostCapabilities();
        }
        if (drop.stream().anyMatch(Capabilities::isAll)) {
            caps = 0;
        }
        for (int i = 0; i < add.size(); i++) {
            String name = add.get(i);
            if (Capabilities.isAll(name)) {
                continue;
            }
            String where = scPath + ".capabilities.add[" + i + "]";
            Integer n = Capabilities.number(name).orElse(null);
            if (n == null) {
                errors.add(FieldError.invalid(where, name, "unknown capability"));
            } else if (!Capabilities.has(options.hostCapabilities(), n)) {
                errors.add(FieldError.forbidden(where, "this host does not grant " + Capabilities.name(n) + " to minipod"));
            } else {
                caps |= 1L << n;
            }
        }
        for (int i = 0; i < drop.size(); i++) {
            String name = drop.get(i);
            if (Capabilities.isAll(name)) {
                continue;
            }
            Integer n = Capabilities.number(name).orElse(null);
            if (n == null) {
                errors.add(FieldError.invalid(scPath + ".capabilities.drop[" + i + "]", name, "unknown capability"));
            } else {
                caps &= ~(1L << n);
            }
        }
        return caps;
    }

    private SeccompFilter seccomp(SecurityContext sc, PodSecurityContext psc, String scPath, long caps, List<FieldError> errors) {
        io.fabric8.kubernetes.api.model.SeccompProfile p = sc.getSeccompProfile();
        String where = scPath + ".seccompProfile";
        if (p == null) {
            p = psc.getSeccompProfile();
            where = "spec.securityContext.seccompProfile";
        }
        if (p == null && options.seccompDefault()) {
            p = new io.fabric8.kubernetes.api.model.SeccompProfile(null, "RuntimeDefault");
        }
        if (p == null || p.getType() == null || p.getType().equals("Unconfined")) {
            return null; // the kubelet's default without --seccomp-default
        }
        String text;
        String source;
        if (p.getType().equals("RuntimeDefault")) {
            text = DEFAULT_PROFILE;
            source = "RuntimeDefault";
        } else {
            String rel = p.getLocalhostProfile() == null ? "" : p.getLocalhostProfile();
            where += ".localhostProfile";
            source = "Localhost " + rel;
            if (rel.isEmpty() || rel.startsWith("/") || List.of(rel.split("/")).contains("..")) {
                errors.add(FieldError.invalid(where, rel, "must be a relative path inside the seccomp profile root"));
                return null;
            }
            try {
                text = profiles.read(rel);
            } catch (IOException e) {
                errors.add(FieldError.invalid(where, rel, "cannot read seccomp profile `"
                        + options.seccompProfileRoot().resolve(rel) + "`: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
                return null;
            }
        }
        try {
            JsonNode json = SeccompProfile.parseJson(text);
            return SeccompCompiler.compile(source, SeccompProfile.resolve(json, caps));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.invalid(where, p.getLocalhostProfile() == null ? p.getType() : p.getLocalhostProfile(),
                    "cannot use seccomp profile: " + e.getMessage()));
            return null;
        }
    }

    private Map<String, String> sysctls(PodSecurityContext psc, List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Sysctl> list = psc.getSysctls() == null ? List.of() : psc.getSysctls();
        for (int i = 0; i < list.size(); i++) {
            String name = Sysctls.dotted(list.get(i).getName());
            String why = Sysctls.refusal(name, options.allowedUnsafeSysctls());
            if (why != null) {
                errors.add(FieldError.forbidden("spec.securityContext.sysctls[" + i + "].name", "forbidden sysctl: " + why));
            } else {
                out.put(name, list.get(i).getValue() == null ? "" : list.get(i).getValue());
            }
        }
        return Map.copyOf(out);
    }

    /** Options the host cannot honour are refused, never ignored. */
    private void lsms(SELinuxOptions se, AppArmorProfile aa, boolean windows, String path, List<FieldError> errors) {
        if (se != null && !(empty(se.getUser()) && empty(se.getRole()) && empty(se.getType()) && empty(se.getLevel()))) {
            errors.add(FieldError.forbidden(path + ".seLinuxOptions", options.seLinux()
                    ? "SELinux labels are not supported yet by minipod" : "SELinux is not enabled on this host"));
        }
        if (aa != null && aa.getType() != null && !aa.getType().equals("Unconfined")) {
            errors.add(FieldError.forbidden(path + ".appArmorProfile", options.appArmor()
                    ? "AppArmor profiles are not supported yet by minipod"
                    : "Cannot enforce AppArmor: AppArmor is not enabled on the host"));
        }
        if (windows) {
            errors.add(FieldError.forbidden(path + ".windowsOptions", "windowsOptions apply to Windows containers; this node runs Linux"));
        }
    }

    /** The beta annotation the kubelet still honours (container.apparmor.security.beta.kubernetes.io/NAME). */
    private void appArmorAnnotation(Pod pod, String container, List<FieldError> errors) {
        String key = "container.apparmor.security.beta.kubernetes.io/" + container;
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(key);
        if (value != null && !value.equals("unconfined") && !options.appArmor()) {
            errors.add(FieldError.forbidden("metadata.annotations[" + key + "]",
                    "Cannot enforce AppArmor: AppArmor is not enabled on the host"));
        } else if (value != null && !value.equals("unconfined")) {
            errors.add(FieldError.forbidden("metadata.annotations[" + key + "]", "AppArmor profiles are not supported yet by minipod"));
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static String readDefaultProfile() {
        try (InputStream in = SecurityPlanner.class.getResourceAsStream("seccomp-default.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("read the default seccomp profile", e);
        }
    }

}
