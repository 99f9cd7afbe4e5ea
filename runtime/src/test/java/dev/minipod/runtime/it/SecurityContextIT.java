package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static dev.minipod.runtime.it.TestNode.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;
import io.fabric8.kubernetes.api.model.ContainerStatus;

/** securityContext applied by the monitor's child, asserted from inside real containers. Needs root. */
@Tag("root")
class SecurityContextIT {
    /** containerd's 14 default capabilities as /proc/PID/status prints them. */
    private static final String DEFAULT_CAPS = "00000000a80425fb";

    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String pod(String name, String spec) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
    }

    private String procStatus(String pod, String field) {
        // pid 1 of the container's own pid namespace is its main process
        return node.exec(pod, "c", "sh", "-c", "grep '^" + field + ":' /proc/1/status | cut -f2").stdout().trim();
    }

    @Test
    void defaultsAreContainerdsCapabilitiesWithMaskedProcAndNoSeccomp() {
        node.create(pod("plain", """
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """));
        node.await("plain", allRunning());
        assertThat(procStatus("plain", "CapEff")).isEqualTo(DEFAULT_CAPS);
        assertThat(procStatus("plain", "CapBnd")).isEqualTo(DEFAULT_CAPS);
        assertThat(procStatus("plain", "CapInh")).isEqualTo("0000000000000000");
        assertThat(procStatus("plain", "NoNewPrivs")).isEqualTo("0");
        assertThat(procStatus("plain", "Seccomp")).as("kubelet's default is Unconfined").isEqualTo("0");
        assertThat(node.exec("plain", "c", "cat", "/proc/kcore").stdout()).as("/proc/kcore is /dev/null").isEmpty();
        assertThat(node.exec("plain", "c", "ls", "/sys/firmware").stdout()).as("an empty tmpfs").isEmpty();
        TestNode.ExecResult w = node.exec("plain", "c", "sh", "-c", "echo 1 > /proc/sys/kernel/shm_rmid_forced");
        assertThat(w.exitCode()).as("/proc/sys is read-only").isNotZero();
        assertThat(w.stderr()).contains("Read-only file system");
        TestNode.ExecResult mount = node.exec("plain", "c", "sh", "-c", "mkdir -p /m && mount -t tmpfs tmpfs /m");
        assertThat(mount.exitCode()).as("no CAP_SYS_ADMIN: no mounts").isNotZero();
        assertThat(mount.stderr()).contains("permission denied");
        assertThat(node.exec("plain", "c", "sh", "-c", "ulimit -n; ulimit -Hn").stdout())
                .as("RLIMIT_NOFILE soft raised to the daemon's hard limit")
                .isEqualTo(nofileHard() + "\n" + nofileHard() + "\n");
    }

    @Test
    void usersGroupsAndFsGroupShowInId() {
        node.create(pod("ids", """
                  securityContext:
                    runAsUser: 1000
                    runAsGroup: 3000
                    supplementalGroups: [4000]
                    fsGroup: 2000
                  volumes:
                  - {name: data, emptyDir: {}}
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    volumeMounts: [{name: data, mountPath: /data}]
                  - name: nobody
                    image: busybox
                    command: [sleep, "3600"]
                    securityContext: {runAsUser: 65534}
                """));
        node.await("ids", allRunning());
        assertThat(node.exec("ids", "c", "id").stdout()).isEqualTo("uid=1000 gid=3000 groups=2000,3000,4000\n");
        assertThat(node.exec("ids", "c", "sh", "-c", "echo $HOME").stdout()).as("runc: / without a passwd entry").isEqualTo("/\n");
        assertThat(node.exec("ids", "nobody", "sh", "-c", "echo $HOME").stdout()).isEqualTo("/nonexistent\n");
        assertThat(node.exec("ids", "c", "stat", "-c", "%a %g", "/data").stdout())
                .as("emptyDir: 0777 plus fsGroup's setgid").isEqualTo("2777 2000\n");
        assertThat(node.exec("ids", "c", "sh", "-c", "touch /data/f && stat -c '%u %g' /data/f").stdout())
                .as("new files inherit fsGroup").isEqualTo("1000 2000\n");
        assertThat(procStatus("ids", "CapEff")).as("a non-root user keeps no effective capabilities").isEqualTo("0000000000000000");
        assertThat(procStatus("ids", "CapBnd")).isEqualTo(DEFAULT_CAPS);
        assertThat(node.exec("ids", "nobody", "id").stdout())
                .as("the container's runAsUser wins; the pod's runAsGroup stays")
                .isEqualTo("uid=65534(nobody) gid=3000 groups=2000,3000,4000\n");
    }

    @Test
    void readOnlyRootCapabilitiesAndNoNewPrivs() {
        node.create(pod("tight", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    securityContext:
                      readOnlyRootFilesystem: true
                      allowPrivilegeEscalation: false
                      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE, cap_kill]}
                """));
        node.await("tight", allRunning());
        TestNode.ExecResult w = node.exec("tight", "c", "sh", "-c", "echo x > /f");
        assertThat(w.exitCode()).isNotZero();
        assertThat(w.stderr()).contains("Read-only file system");
        assertThat(node.exec("tight", "c", "sh", "-c", "echo x > /dev/shm/f && echo ok").stdout()).isEqualTo("ok\n");
        assertThat(procStatus("tight", "CapEff")).isEqualTo("0000000000000420");
        assertThat(procStatus("tight", "CapBnd")).isEqualTo("0000000000000420");
        assertThat(procStatus("tight", "NoNewPrivs")).isEqualTo("1");
        assertThat(node.exec("tight", "c", "grep", "-E", "^(CapEff|NoNewPrivs)", "/proc/self/status").stdout())
                .as("an exec'd process gets the container's settings").isEqualTo("CapEff:\t0000000000000420\nNoNewPrivs:\t1\n");
    }

    @Test
    void lockedDownSampleServesOnPort80AsANonRootUser() throws Exception {
        Path sample = Path.of(TestNode.images().toString(), "..", "..", "pods", "valid", "security-context.yaml").normalize();
        node.create(Files.readString(sample));
        node.await("locked-down", allRunning());
        assertThat(node.exec("locked-down", "app", "sh", "-c", "echo hi > /scratch/index.html && wget -qO- http://127.0.0.1/").stdout())
                .as("uid 1000 binds port 80 thanks to the sysctl, and writes the fsGroup emptyDir").isEqualTo("hi\n");
        assertThat(node.exec("locked-down", "app", "grep", "-E", "^(Uid|CapEff|NoNewPrivs|Seccomp):", "/proc/1/status").stdout())
                .isEqualTo("Uid:\t1000\t1000\t1000\t1000\nCapEff:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\n");
    }

    @Test
    void privilegedMayMountAndSeesUnmaskedProcAndHostDevices() throws Exception {
        node.create(pod("priv", """
                  containers:
                  - name: c
                    image: busybox
                    command: [sleep, "3600"]
                    securityContext: {privileged: true}
                """));
        node.await("priv", allRunning());
        TestNode.ExecResult mount = node.exec("priv", "c", "sh", "-c", "mkdir -p /m && mount -t tmpfs tmpfs /m && echo mounted");
        assertThat(mount.stdout()).as(mount.stderr()).isEqualTo("mounted\n");
        assertThat(procStatus("priv", "CapEff")).isEqualTo(hostCaps());
        java.util.Set<String> inside = java.util.Set.of(node.exec("priv", "c", "ls", "/dev").stdout().split("\n"));
        try (var host = Files.list(Path.of("/dev"))) {
            assertThat(inside).as("host devices").containsAll(host.filter(p -> !Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .filter(p -> !p.getFileName().toString().equals("console")).map(p -> p.getFileName().toString()).toList());
        }
        assertThat(node.exec("priv", "c", "sh", "-c", "grep -c ' /proc/kcore ' /proc/self/mountinfo").stdout().trim())
                .as("nothing masked").isEqualTo("0");
    }

    @Test
    void runtimeDefaultSeccompBlocksUnshareWithEperm() {
        node.create(pod("sc", """
                  securityContext:
                    seccompProfile: {type: RuntimeDefault}
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                  - name: open
                    image: busybox
                    command: [sleep, "3600"]
                    securityContext:
                      seccompProfile: {type: Unconfined}
                """));
        node.await("sc", allRunning());
        assertThat(procStatus("sc", "Seccomp")).isEqualTo("2");
        TestNode.ExecResult u = node.exec("sc", "c", "unshare", "-U", "true");
        assertThat(u.exitCode()).isNotZero();
        assertThat(u.stderr()).contains("Operation not permitted");
        assertThat(node.exec("sc", "c", "sh", "-c", "echo ok").stdout()).as("ordinary calls pass").isEqualTo("ok\n");
        assertThat(node.exec("sc", "open", "unshare", "-U", "true").exitCode())
                .as("a user namespace needs no capability: only the filter stops it").isZero();
    }

    @Test
    void safeSysctlIsSetInThePodsNamespaces() throws Exception {
        String host = Files.readString(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).trim();
        node.create(pod("sysctl", """
                  securityContext:
                    sysctls:
                    - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
                    - {name: kernel/shm_rmid_forced, value: "1"}
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """));
        node.await("sysctl", allRunning());
        assertThat(node.exec("sysctl", "c", "cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start").stdout()).isEqualTo("80\n");
        assertThat(node.exec("sysctl", "c", "cat", "/proc/sys/kernel/shm_rmid_forced").stdout()).isEqualTo("1\n");
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).trim())
                .as("the host's value is untouched").isEqualTo(host);
    }

    @Test
    void hostPidSeesHostProcessesAndHostIpcSharesTheHostsIpcNamespace() throws Exception {
        node.create(pod("host", """
                  hostPID: true
                  hostIPC: true
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """));
        node.await("host", allRunning());
        long self = ProcessHandle.current().pid();
        assertThat(node.exec("host", "c", "cat", "/proc/" + self + "/comm").stdout()).as("the test JVM is visible").isEqualTo("java\n");
        String hostIpc = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
        assertThat(node.exec("host", "c", "readlink", "/proc/self/ns/ipc").stdout()).isEqualTo(hostIpc + "\n");
        assertThat(node.exec("host", "c", "readlink", "/proc/self/ns/net").stdout().trim())
                .as("the network stays the pod's").isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
    }

    @Test
    void runAsNonRootWithARootImageIsACreateContainerConfigError() {
        var created = node.create(pod("nonroot", """
                  securityContext: {runAsNonRoot: true}
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """));
        String uid = created.getMetadata().getUid();
        var p = node.await("nonroot", x -> {
            ContainerStatus s = status(x, "c");
            return s != null && s.getState().getWaiting() != null
                    && "CreateContainerConfigError".equals(s.getState().getWaiting().getReason());
        });
        assertThat(status(p, "c").getState().getWaiting().getMessage()).isEqualTo(
                "container has runAsNonRoot and image will run as root (pod: \"nonroot_default(" + uid + ")\", container: c)");
        assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(status(p, "c").getRestartCount()).isZero();
    }

    @Test
    void nodeDependentRefusalsNameTheFieldAndCreateNothing() {
        MinipodException e = catchThrowableOfType(MinipodException.class, () -> node.create(pod("bad", """
                  securityContext:
                    sysctls: [{name: kernel.msgmax, value: "1"}]
                  containers:
                  - name: c
                    image: busybox
                    securityContext:
                      capabilities: {add: [NOT_A_CAP]}
                      seccompProfile: {type: Localhost, localhostProfile: missing.json}
                      seLinuxOptions: {level: "s0:c1"}
                """)));
        assertThat(e.getMessage())
                .contains("spec.securityContext.sysctls[0].name: Forbidden: forbidden sysctl: \"kernel.msgmax\" not allowlisted")
                .contains("spec.containers[0].securityContext.capabilities.add[0]: Invalid value: \"NOT_A_CAP\": unknown capability")
                .contains("spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: \"missing.json\": "
                        + "cannot read seccomp profile")
                .contains("spec.containers[0].securityContext.seLinuxOptions: Forbidden: SELinux is not enabled on this host");
        assertThat(node.pods().list(TestNode.NS).getItems()).isEmpty();
        node.assertNoLeaks();
    }

    private static long nofileHard() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[1]);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("no Max open files line");
    }

    private static String hostCaps() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapBnd:"))
                    .map(l -> l.substring(7).trim()).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
