package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static dev.minipod.runtime.it.TestNode.phase;
import static dev.minipod.runtime.it.TestNode.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.plan.ContainerResources;
import dev.minipod.runtime.plan.OomScore;
import dev.minipod.runtime.process.HostMemory;
import dev.minipod.runtime.state.StateStore;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;

/** Limits, QoS, OOM kills and CPU pinning on real cgroups, read from inside and outside the container. Needs root. */
@Tag("root")
class ResourcesIT {
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");
    private TestNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String pod(String name, String spec) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
    }

    private String parent() {
        return "minipod-it-" + node.dir().getFileName();
    }

    private static boolean v1() {
        return Files.isRegularFile(CGROUP.resolve("memory/cgroup.procs"));
    }

    private static String read(Path f) {
        try {
            return Files.readString(f).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int containerPid(Pod p, String container) {
        return new StateStore(node.layout()).loadRuntime(p.getMetadata().getUid()).orElseThrow().instances().stream()
                .filter(i -> i.containerName().equals(container)).findFirst().orElseThrow().containerPid();
    }

    @Test
    void limitsAreVisibleInsideAndOutsideAndTheQosClassIsReported() throws Exception {
        Assumptions.assumeTrue(v1(), "the limit files asserted here are cgroup v1's; the v2 files are covered by CgroupV2DriverTest");
        node = TestNode.start(o -> o.withResources(100, "none", ""));
        node.create(pod("limits", """
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    resources:
                      requests: {cpu: 250m, memory: 32Mi}
                      limits: {cpu: 500m, memory: 64Mi}
                  - name: free
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        Pod p = node.await("limits", allRunning());
        assertThat(p.getStatus().getQosClass()).isEqualTo("Burstable");

        // inside: the container's own cgroups, read-only, at the usual place
        assertThat(node.exec("limits", "app", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").stdout().trim()).isEqualTo("67108864");
        assertThat(node.exec("limits", "app", "cat", "/sys/fs/cgroup/cpu/cpu.cfs_quota_us").stdout().trim()).isEqualTo("50000");
        assertThat(node.exec("limits", "app", "cat", "/sys/fs/cgroup/cpu/cpu.cfs_period_us").stdout().trim()).isEqualTo("100000");
        assertThat(node.exec("limits", "app", "cat", "/sys/fs/cgroup/cpu/cpu.shares").stdout().trim()).isEqualTo("256");
        TestNode.ExecResult write = node.exec("limits", "app", "sh", "-c", "echo 1 > /sys/fs/cgroup/memory/memory.limit_in_bytes");
        assertThat(write.exitCode()).as("the cgroup view is read-only").isNotZero();
        assertThat(write.stderr()).contains("Read-only file system");
        assertThat(node.exec("limits", "free", "cat", "/sys/fs/cgroup/cpu/cpu.shares").stdout().trim()).isEqualTo("2");

        // outside: the kubelet's layout with the pod's sums (memory: one container has no limit, so none)
        Path pod = Path.of("kubepods/burstable/pod" + p.getMetadata().getUid());
        Path mem = CGROUP.resolve("memory").resolve(parent()).resolve(pod);
        assertThat(read(mem.resolve("app/memory.limit_in_bytes"))).isEqualTo("67108864");
        assertThat(Long.parseLong(read(mem.resolve("memory.limit_in_bytes")))).isGreaterThan(1L << 50);
        assertThat(read(CGROUP.resolve("cpu").resolve(parent()).resolve(pod).resolve("cpu.shares"))).isEqualTo("256");
        assertThat(read(CGROUP.resolve("cpu").resolve(parent()).resolve(pod).resolve("cpu.cfs_quota_us"))).isEqualTo("-1");
        if (Files.exists(mem.resolve("app/memory.memsw.limit_in_bytes"))) {
            assertThat(read(mem.resolve("app/memory.memsw.limit_in_bytes"))).as("no swap").isEqualTo("67108864");
        }
        // the daemon's pod pids limit is on the pod cgroup: every container counts against it
        assertThat(read(CGROUP.resolve("pids").resolve(parent()).resolve(pod).resolve("pids.max"))).isEqualTo("100");
        TestNode.ExecResult fork = node.exec("limits", "app", "sh", "-c", "for i in $(seq 120); do sleep 30 & done; wait");
        assertThat(fork.exitCode()).as("the 100-process pod limit stops a loop of 120 sleeps").isNotZero();
        assertThat(fork.stderr()).contains("Resource temporarily unavailable");
        // the pause process sits in the pod's sandbox leaf
        assertThat(read(mem.resolve("sandbox_/cgroup.procs"))).isEqualTo(Integer.toString(node.pausePid("limits")));

        // oom_score_adj: raising is always allowed, so the Burstable score lands as computed
        int expected = OomScore.adjust("Burstable", new ContainerResources(250L, 500L, 32L << 20, 64L << 20), HostMemory.capacityBytes());
        assertThat(read(Path.of("/proc/" + containerPid(p, "app") + "/oom_score_adj"))).isEqualTo(Integer.toString(expected));
        node.delete("limits", 0);
    }

    @Test
    void guaranteedAndBestEffortPodsGetTheirQosLevelAndScores() throws Exception {
        node = TestNode.start();
        node.create(pod("exact", """
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    resources:
                      limits: {cpu: 100m, memory: 32Mi}
                """));
        node.create(pod("best", """
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        Pod exact = node.await("exact", allRunning());
        Pod best = node.await("best", allRunning());
        assertThat(exact.getStatus().getQosClass()).isEqualTo("Guaranteed");
        assertThat(best.getStatus().getQosClass()).isEqualTo("BestEffort");
        String hierarchy = v1() ? "memory/" : "";
        assertThat(CGROUP.resolve(hierarchy + parent() + "/kubepods/pod" + exact.getMetadata().getUid() + "/app")).isDirectory();
        assertThat(CGROUP.resolve(hierarchy + parent() + "/kubepods/besteffort/pod" + best.getMetadata().getUid() + "/app")).isDirectory();

        // -997 needs CAP_SYS_RESOURCE to go below the daemon's own score: where refused, the container keeps
        // the inherited score and still runs
        int own = Integer.parseInt(read(Path.of("/proc/self/oom_score_adj")));
        int applied = Integer.parseInt(read(Path.of("/proc/" + containerPid(exact, "app") + "/oom_score_adj")));
        assertThat(applied).isIn(OomScore.GUARANTEED, own);
        assertThat(read(Path.of("/proc/" + containerPid(best, "app") + "/oom_score_adj"))).isEqualTo("1000");
        node.delete("exact", 0);
        node.delete("best", 0);
    }

    @Test
    void aContainerKilledByItsMemoryLimitIsOomKilled() throws Exception {
        node = TestNode.start();
        node.create(pod("hog", """
                  restartPolicy: Never
                  containers:
                  - name: hog
                    image: busybox
                    command: ["tail", "/dev/zero"]
                    resources:
                      limits: {memory: 16Mi}
                """));
        Pod p = node.await("hog", phase("Failed"), Duration.ofSeconds(60));
        ContainerStateTerminated t = status(p, "hog").getState().getTerminated();
        assertThat(t.getReason()).isEqualTo("OOMKilled");
        assertThat(t.getExitCode()).isEqualTo(137);
    }

    @Test
    void aChildKilledByTheLimitIsNotTheContainersOom() throws Exception {
        node = TestNode.start();
        node.create(pod("parent", """
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: busybox
                    command: ["sh", "-c", "tail /dev/zero; echo child-status=$?"]
                    resources:
                      limits: {memory: 16Mi}
                """));
        Pod p = node.await("parent", phase("Succeeded"), Duration.ofSeconds(60));
        ContainerStateTerminated t = status(p, "main").getState().getTerminated();
        assertThat(t.getReason()).isEqualTo("Completed");
        assertThat(t.getExitCode()).isZero();
        assertThat(node.logs("parent", "main", false)).contains("child-status=137");
    }

    @Test
    void staticCpuPolicyPinsGuaranteedIntegerCpus() throws Exception {
        Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "the static CPU policy needs a CPU beyond the reserved one");
        node = TestNode.start(o -> o.withResources(-1, "static", "0"));
        node.create(pod("pinned", """
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    resources:
                      limits: {cpu: 1, memory: 32Mi}
                """));
        node.create(pod("shared", """
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("pinned", allRunning());
        node.await("shared", allRunning());
        String pinned = node.exec("pinned", "app", "grep", "Cpus_allowed_list", "/proc/self/status").stdout();
        String shared = node.exec("shared", "app", "grep", "Cpus_allowed_list", "/proc/self/status").stdout();
        int last = Runtime.getRuntime().availableProcessors() - 1;
        assertThat(pinned.trim()).isEqualTo("Cpus_allowed_list:\t1");
        assertThat(shared.trim()).isEqualTo("Cpus_allowed_list:\t0" + (last > 1 ? ",2-" + last : ""));
        node.delete("pinned", 0);
        // released: the shared pool is whole again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                node.exec("shared", "app", "grep", "Cpus_allowed_list", "/proc/self/status").stdout().trim()
                        .equals("Cpus_allowed_list:\t0-" + last));
    }

    @Test
    void badResourcesAreRefusedWithTheFieldPathAndNothingIsCreated() throws Exception {
        node = TestNode.start();
        dev.minipod.runtime.MinipodException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                dev.minipod.runtime.MinipodException.class, () -> node.create(pod("greedy", """
                  containers:
                  - name: app
                    image: busybox
                    resources:
                      requests: {cpu: "2", memory: -1}
                      limits: {cpu: "1"}
                """)));
        assertThat(e.getMessage()).contains("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1")
                .contains("spec.containers[0].resources.requests[memory]: Invalid value: \"-1\": must be greater than or equal to 0");
        e = org.assertj.core.api.Assertions.catchThrowableOfType(dev.minipod.runtime.MinipodException.class, () -> node.create(pod("huge", """
                  containers:
                  - name: app
                    image: busybox
                    resources:
                      limits: {hugepages-2Mi: 2Mi, memory: 2Mi, ephemeral-storage: 1Gi}
                """)));
        assertThat(e.getMessage()).contains("spec.containers[0].resources.limits.hugepages-2Mi: Forbidden: not supported yet by minipod")
                .contains("spec.containers[0].resources.limits.ephemeral-storage: Forbidden: not supported yet by minipod");
        assertThat(node.pods().list(TestNode.NS).getItems()).isEmpty();
        node.assertNoLeaks();
    }

    @Test
    void cgroupsOfAPodNoDaemonKnowsAreKilledAndRemovedOnRecovery() throws Exception {
        Assumptions.assumeTrue(v1(), "the orphan is planted in v1 hierarchies");
        node = TestNode.start();
        Path orphan = Path.of(parent(), "kubepods/burstable/podcrashed-uid/app");
        Process sleeper = new ProcessBuilder("sleep", "600").start();
        try {
            for (String c : java.util.List.of("memory", "pids")) {
                Files.createDirectories(CGROUP.resolve(c).resolve(orphan));
                Files.writeString(CGROUP.resolve(c).resolve(orphan).resolve("cgroup.procs"), Long.toString(sleeper.pid()));
            }
            // what a daemon does when it starts on roots a crashed one left
            node.pods().recover();
            assertThat(sleeper.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the orphan's process was killed").isTrue();
            for (String c : java.util.List.of("memory", "pids")) {
                assertThat(CGROUP.resolve(c).resolve(parent())).doesNotExist();
            }
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void metricsApiReportsCpuOverAWindowAndTheWorkingSet() throws Exception {
        node = TestNode.start();
        node.create(pod("busy", """
                  containers:
                  - name: spin
                    image: busybox
                    command: ["sh", "-c", "while :; do :; done"]
                    resources:
                      limits: {cpu: 200m, memory: 32Mi}
                  - name: idle
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("busy", allRunning());
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) node.pods().podMetrics(TestNode.NS, "busy");
        assertThat(m).containsEntry("kind", "PodMetrics").containsKey("window");
        java.util.List<java.util.Map<String, Object>> containers = (java.util.List<java.util.Map<String, Object>>) m.get("containers");
        assertThat(containers).extracting(c -> c.get("name")).containsExactly("spin", "idle");
        java.util.Map<String, String> spin = (java.util.Map<String, String>) containers.get(0).get("usage");
        long nanocores = Long.parseLong(spin.get("cpu").replace("n", ""));
        // the CFS quota caps it at 200m per period; a window edge may let one more period in
        assertThat(nanocores).isPositive().isLessThan(300_000_000L);
        assertThat(dev.minipod.runtime.spec.Quantities.parse(spin.get("memory")).orElseThrow().longValue()).isPositive();
        java.util.Map<String, Object> list = (java.util.Map<String, Object>) node.pods().podMetrics(TestNode.NS, null);
        assertThat((java.util.List<?>) list.get("items")).hasSize(1);
        node.delete("busy", 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.pods().podMetrics(TestNode.NS, "busy"))
                .hasMessageContaining("not found");
    }

    @Test
    void cgroupV2LimitsInsideAndOutside() throws Exception {
        Assumptions.assumeTrue(!v1(), "this host runs cgroup v1 (hybrid: v1 controllers, a controller-less cgroup2 at "
                + "/sys/fs/cgroup/unified); the v2 driver is covered against a fake tree by CgroupV2DriverTest");
        node = TestNode.start();
        node.create(pod("v2", """
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    resources:
                      requests: {cpu: 250m}
                      limits: {cpu: 500m, memory: 64Mi}
                """));
        Pod p = node.await("v2", allRunning());
        Path app = CGROUP.resolve(parent()).resolve("kubepods/burstable/pod" + p.getMetadata().getUid()).resolve("app");
        assertThat(read(app.resolve("memory.max"))).isEqualTo("67108864");
        assertThat(read(app.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(read(app.resolve("cpu.weight"))).isEqualTo("10");
        assertThat(node.exec("v2", "app", "cat", "/sys/fs/cgroup/memory.max").stdout().trim()).isEqualTo("67108864");
        node.delete("v2", 0);
    }
}
