package dev.minipod.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.spec.ManifestLoader;
import dev.minipod.runtime.validate.FieldError;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class SecurityPlannerTest {
    /** This host: every capability but CAP_SYS_RESOURCE, no LSM. */
    private static final long HOST = Capabilities.ALL & ~(1L << 24);
    private final List<FieldError> errors = new ArrayList<>();
    private final SecurityPlanner planner = new SecurityPlanner(
            new SecurityOptions(Path.of("/profiles"), List.of("net.core.*", "kernel.msgmax"), HOST, false, false, false),
            rel -> switch (rel) {
                case "ok.json" -> "{\"defaultAction\": \"SCMP_ACT_LOG\"}";
                case "bad.json" -> "{\"defaultAction\": ";
                default -> throw new NoSuchFileException("/profiles/" + rel);
            });

    private SecurityPlan plan(String spec, String imageUser) {
        Pod pod = new PodBuilder(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + spec))
                .editMetadata().withNamespace("default").withUid("u-1").endMetadata().build();
        return planner.plan(pod, pod.getSpec().getContainers().get(0), "spec.containers[0]", imageUser, errors);
    }

    private List<String> errors() {
        return errors.stream().map(FieldError::toString).toList();
    }

    private static long caps(String... names) {
        return Capabilities.mask(List.of(names));
    }

    @Test
    void noSecurityContextIsContainerdsDefault() {
        SecurityPlan s = plan("  containers:\n  - {name: c, image: i}\n", "");
        assertThat(s).isEqualTo(SecurityPlan.defaults());
        assertThat(Capabilities.names(s.capabilities())).hasSize(14).contains("CAP_NET_RAW", "CAP_AUDIT_WRITE").doesNotContain("CAP_SYS_ADMIN");
        assertThat(s.maskedPaths()).contains("/proc/kcore", "/sys/firmware");
        assertThat(s.readonlyPaths()).contains("/proc/sys", "/proc/sysrq-trigger");
        assertThat(errors).isEmpty();
    }

    @Test
    void containerFieldsWinOverThePods() {
        SecurityPlan s = plan("""
                  securityContext: {runAsUser: 1, runAsGroup: 2, supplementalGroups: [5, 6], fsGroup: 7}
                  containers:
                  - name: c
                    image: i
                    securityContext: {runAsUser: 3}
                """, "");
        assertThat(s.runAsUser()).isEqualTo(3L);
        assertThat(s.runAsGroup()).isEqualTo(2L);
        assertThat(s.supplementalGroups()).containsExactly(5L, 6L, 7L);
        assertThat(s.fsGroup()).isEqualTo(7L);
        assertThat(s.imageGroups()).isTrue();
    }

    @Test
    void capabilitiesFollowContainerdsAddDropOrder() {
        String tmpl = "  containers:\n  - name: c\n    image: i\n    securityContext:\n      capabilities: %s\n";
        assertThat(plan(tmpl.formatted("{drop: [ALL], add: [NET_ADMIN, cap_kill]}"), "").capabilities())
                .isEqualTo(caps("CAP_NET_ADMIN", "CAP_KILL"));
        assertThat(plan(tmpl.formatted("{add: [ALL], drop: [NET_RAW]}"), "").capabilities())
                .isEqualTo(HOST & ~caps("CAP_NET_RAW"));
        assertThat(plan(tmpl.formatted("{add: [CHOWN], drop: [CHOWN]}"), "").capabilities() & caps("CAP_CHOWN")).isZero();
        assertThat(plan(tmpl.formatted("{add: [BOGUS, SYS_RESOURCE]}"), "").capabilities()).isEqualTo(Capabilities.DEFAULT);
        assertThat(errors()).containsExactly(
                "spec.containers[0].securityContext.capabilities.add[0]: Invalid value: \"BOGUS\": unknown capability",
                "spec.containers[0].securityContext.capabilities.add[1]: Forbidden: this host does not grant CAP_SYS_RESOURCE to minipod");
    }

    @Test
    void privilegedGetsWhatTheHostHasNothingMaskedAndNoSeccomp() {
        SecurityPlan s = plan("""
                  securityContext: {seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - {name: c, image: i, securityContext: {privileged: true}}
                """, "");
        assertThat(s.capabilities()).isEqualTo(HOST);
        assertThat(s.maskedPaths()).isEmpty();
        assertThat(s.readonlyPaths()).isEmpty();
        assertThat(s.seccomp()).isNull();
    }

    @Test
    void allowPrivilegeEscalationFalseSetsNoNewPrivs() {
        assertThat(plan("  containers:\n  - {name: c, image: i, securityContext: {allowPrivilegeEscalation: false}}\n", "")
                .noNewPrivileges()).isTrue();
        assertThat(plan("  containers:\n  - {name: c, image: i, securityContext: {allowPrivilegeEscalation: true}}\n", "")
                .noNewPrivileges()).isFalse();
    }

    @Test
    void seccompProfilesCompileOrAreRefusedWithTheirField() {
        assertThat(plan("  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers:\n  - {name: c, image: i}\n", "")
                .seccomp().source()).isEqualTo("RuntimeDefault");
        String local = "  containers:\n  - {name: c, image: i, securityContext: {seccompProfile: {type: Localhost, localhostProfile: %s}}}\n";
        assertThat(plan(local.formatted("ok.json"), "").seccomp().source()).isEqualTo("Localhost ok.json");
        plan(local.formatted("missing.json"), "");
        plan(local.formatted("bad.json"), "");
        plan(local.formatted("../etc/x.json"), "");
        String p = "spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: ";
        assertThat(errors()).containsExactly(
                p + "\"missing.json\": cannot read seccomp profile `/profiles/missing.json`: NoSuchFileException: /profiles/missing.json",
                p + "\"bad.json\": cannot use seccomp profile: not valid JSON: Unexpected end-of-input within/between Object entries",
                p + "\"../etc/x.json\": must be a relative path inside the seccomp profile root");
    }

    @Test
    void sysctlsSafeOrAllowedAndNamespaced() {
        SecurityPlan s = plan("""
                  securityContext:
                    sysctls:
                    - {name: kernel.shm_rmid_forced, value: "1"}
                    - {name: net/core/somaxconn, value: "1024"}
                    - {name: kernel.msgmax, value: "9"}
                    - {name: kernel.panic, value: "1"}
                  containers:
                  - {name: c, image: i}
                """, "");
        assertThat(s.sysctls()).isEqualTo(Map.of("kernel.shm_rmid_forced", "1", "net.core.somaxconn", "1024", "kernel.msgmax", "9"));
        assertThat(errors()).containsExactly(
                "spec.securityContext.sysctls[3].name: Forbidden: forbidden sysctl: \"kernel.panic\" not allowlisted");
        assertThat(Sysctls.procPath("net.ipv4.conf.eth0/1.forwarding")).isEqualTo("/proc/sys/net/ipv4/conf/eth0.1/forwarding");
    }

    @Test
    void runAsNonRootUsesTheKubeletsMessages() {
        String spec = "  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: c, image: i%s}\n";
        String ref = "(pod: \"p_default(u-1)\", container: c)";
        assertThat(plan(spec.formatted(""), "").nonRootError()).isEqualTo("container has runAsNonRoot and image will run as root " + ref);
        assertThat(plan(spec.formatted(""), "0:0").nonRootError()).isEqualTo("container has runAsNonRoot and image will run as root " + ref);
        assertThat(plan(spec.formatted(""), "app:app").nonRootError()).isEqualTo(
                "container has runAsNonRoot and image has non-numeric user (app), cannot verify user is non-root " + ref);
        assertThat(plan(spec.formatted(""), "1000").nonRootError()).isNull();
        assertThat(plan(spec.formatted(", securityContext: {runAsUser: 0}"), "1000").nonRootError())
                .isEqualTo("container's runAsUser breaks non-root policy " + ref);
        assertThat(plan(spec.formatted(", securityContext: {runAsUser: 5}"), "").nonRootError()).isNull();
    }

    @Test
    void appArmorAnnotationsAreRefusedToo() {
        Pod pod = new PodBuilder(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n"
                + "    container.apparmor.security.beta.kubernetes.io/c: runtime/default\n"
                + "    container.apparmor.security.beta.kubernetes.io/d: unconfined\n"
                + "spec:\n  containers:\n  - {name: c, image: i}\n  - {name: d, image: i}\n")).build();
        planner.plan(pod, pod.getSpec().getContainers().get(0), "spec.containers[0]", "", errors);
        planner.plan(pod, pod.getSpec().getContainers().get(1), "spec.containers[1]", "", errors);
        assertThat(errors()).containsExactly("metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]: "
                + "Forbidden: Cannot enforce AppArmor: AppArmor is not enabled on the host");
    }

    @Test
    void optionsTheHostCannotHonourAreRefused() {
        plan("""
                  securityContext:
                    seLinuxOptions: {type: spc_t}
                    appArmorProfile: {type: Unconfined}
                  containers:
                  - name: c
                    image: i
                    securityContext:
                      appArmorProfile: {type: RuntimeDefault}
                      windowsOptions: {runAsUserName: x}
                      procMount: Unmasked
                """, "");
        assertThat(errors()).containsExactly(
                "spec.securityContext.seLinuxOptions: Forbidden: SELinux is not enabled on this host",
                "spec.containers[0].securityContext.appArmorProfile: Forbidden: Cannot enforce AppArmor: AppArmor is not enabled on the host",
                "spec.containers[0].securityContext.windowsOptions: Forbidden: windowsOptions apply to Windows containers; this node runs Linux",
                "spec.containers[0].securityContext.procMount: Forbidden: `Unmasked` needs a user namespace (`hostUsers: false`), "
                        + "which minipod does not create");
    }

    @Test
    void seccompDefaultMakesRuntimeDefaultTheDefault() {
        SecurityPlanner strict = new SecurityPlanner(new SecurityOptions(Path.of("/p"), List.of(), HOST, false, false, true),
                rel -> { throw new NoSuchFileException(rel); });
        Pod pod = new PodBuilder(ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n"
                + "  containers:\n  - {name: c, image: i}\n  - {name: u, image: i, securityContext: {seccompProfile: {type: Unconfined}}}\n"))
                .editMetadata().withNamespace("default").withUid("u-1").endMetadata().build();
        assertThat(strict.plan(pod, pod.getSpec().getContainers().get(0), "spec.containers[0]", "", errors).seccomp().source())
                .isEqualTo("RuntimeDefault");
        assertThat(strict.plan(pod, pod.getSpec().getContainers().get(1), "spec.containers[1]", "", errors).seccomp()).isNull();
        assertThat(errors).isEmpty();
    }
}
