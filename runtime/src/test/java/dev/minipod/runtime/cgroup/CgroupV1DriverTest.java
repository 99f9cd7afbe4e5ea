package dev.minipod.runtime.cgroup;

import static dev.minipod.runtime.cgroup.FakeCgroupFs.read;
import static dev.minipod.runtime.cgroup.FakeCgroupFs.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.plan.CgroupLimits;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.ContainerResources;
import dev.minipod.runtime.plan.PodPlan;

/** The v1 driver and the kubelet-shaped layout against a fake tree of per-controller hierarchies. */
class CgroupV1DriverTest {
    @TempDir
    Path root;
    FakeCgroupFs fs = new FakeCgroupFs(false);

    @BeforeEach
    void seedHierarchies() {
        for (String c : List.of("cpu", "cpuacct", "memory", "pids", "devices", "cpuset")) {
            write(root.resolve(c).resolve("cgroup.procs"), "1\n");
            write(root.resolve(c).resolve("cgroup.sane_behavior"), "0");
        }
        write(root.resolve("cpuset/cpuset.cpus"), "0-3");
        write(root.resolve("cpuset/cpuset.effective_cpus"), "0-3");
        write(root.resolve("cpuset/cpuset.mems"), "0");
    }

    static ContainerPlan container(String name, ContainerResources r) {
        return new ContainerPlan(name, false, "busybox", "sha256:x", List.of(), List.of("sh"), List.of(), "/", "", "/bin",
                List.of(), "", false, null, null, r,
                dev.minipod.runtime.security.SecurityPlan.defaults(), null);
    }

    static PodPlan pod(String uid, String qos, ContainerPlan... containers) {
        return new PodPlan(uid, "default", "p", "p", "Always", false, 30, List.of(), List.of(containers), List.of(), List.of(), null, qos,
                false, false);
    }

    @Test
    void limitsLandInEachControllersHierarchy() {
        CgroupV1Driver driver = new CgroupV1Driver(root, fs, false);
        assertThat(driver.controllers()).containsExactly("cpu", "cpuacct", "memory", "pids", "devices");
        driver.create("m/pod1/c", CgroupLimits.forContainer(new ContainerResources(1500L, 1500L, 128L << 20, 128L << 20)));
        assertThat(read(root.resolve("cpu/m/pod1/c/cpu.shares"))).isEqualTo("1536");
        assertThat(read(root.resolve("cpu/m/pod1/c/cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(read(root.resolve("cpu/m/pod1/c/cpu.cfs_quota_us"))).isEqualTo("150000");
        assertThat(read(root.resolve("memory/m/pod1/c/memory.limit_in_bytes"))).isEqualTo(Long.toString(128L << 20));
        assertThat(read(root.resolve("memory/m/pod1/c/memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(128L << 20));
        assertThat(driver.procsFiles("m/pod1/c")).hasSize(5);
        write(root.resolve("memory/m/pod1/c/memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        assertThat(driver.oomKills("m/pod1/c")).isEqualTo(1);
        write(root.resolve("cpuacct/m/pod1/c/cpuacct.usage"), "2000000000\n");
        write(root.resolve("memory/m/pod1/c/memory.usage_in_bytes"), "3000\n");
        write(root.resolve("memory/m/pod1/c/memory.stat"), "cache 0\ninactive_file 7\ntotal_inactive_file 1000\n");
        assertThat(driver.usage("m/pod1/c")).contains(new CgroupUsage(2_000_000_000L, 2000));
    }

    @Test
    void kubeletLayoutByQosClassAndTeardownOfEveryLevel() {
        Cgroups cgroups = new Cgroups(new CgroupV1Driver(root, fs, false), "mp", 64, CpuManager.none());
        ContainerResources exact = new ContainerResources(1000L, 1000L, 1L << 30, 1L << 30);
        PodPlan guaranteed = pod("g", "Guaranteed", container("app", exact));
        PodPlan burstable = pod("b", "Burstable", container("app", new ContainerResources(100L, null, null, null)));
        PodPlan bestEffort = pod("e", "BestEffort", container("app", ContainerResources.NONE));
        for (PodPlan p : List.of(guaranteed, burstable, bestEffort)) {
            cgroups.createPod(p);
            cgroups.createContainer(p, p.containers().get(0));
        }
        assertThat(root.resolve("memory/mp/kubepods/podg/app")).isDirectory();
        assertThat(root.resolve("memory/mp/kubepods/burstable/podb/app")).isDirectory();
        assertThat(root.resolve("memory/mp/kubepods/besteffort/pode/app")).isDirectory();
        assertThat(read(root.resolve("memory/mp/kubepods/podg/memory.limit_in_bytes"))).isEqualTo(Long.toString(1L << 30));
        assertThat(read(root.resolve("cpu/mp/kubepods/podg/cpu.cfs_quota_us"))).isEqualTo("100000");
        assertThat(read(root.resolve("pids/mp/kubepods/burstable/podb/pids.max"))).isEqualTo("64");
        assertThat(read(root.resolve("cpu/mp/kubepods/besteffort/pode/cpu.shares"))).isEqualTo("2");
        assertThat(read(root.resolve("cpu/mp/kubepods/besteffort/cpu.shares"))).isEqualTo("2");
        assertThat(cgroups.podUids()).containsExactlyInAnyOrder("g", "b", "e");

        cgroups.joinPod("b", 4242);
        assertThat(read(root.resolve("pids/mp/kubepods/burstable/podb/" + Cgroups.SANDBOX + "/cgroup.procs"))).isEqualTo("4242");
        for (String c : CgroupV1Driver.CONTROLLERS) {
            write(root.resolve(c + "/mp/kubepods/burstable/podb/" + Cgroups.SANDBOX + "/cgroup.procs"), ""); // pause is gone
        }

        cgroups.removePod("g");
        assertThat(root.resolve("memory/mp/kubepods")).isDirectory();
        cgroups.removePod("b");
        cgroups.removePod("e");
        for (String c : CgroupV1Driver.CONTROLLERS) {
            assertThat(root.resolve(c).resolve("mp")).as(c).doesNotExist();
        }
    }

    @Test
    void staticCpuPolicyGivesGuaranteedIntegerCpusTheirOwnAndShrinksTheSharedPool() {
        CpuManager cpus = CpuManager.staticPolicy(CpuSet.parse("0-3"), CpuSet.parse("0"), root.resolve("cpu_manager_state"));
        Cgroups cgroups = new Cgroups(new CgroupV1Driver(root, fs, true), "mp", -1, cpus);
        PodPlan shared = pod("s", "Burstable", container("app", new ContainerResources(100L, null, null, null)));
        cgroups.createContainer(shared, shared.containers().get(0));
        assertThat(read(root.resolve("cpuset/mp/kubepods/burstable/pods/app/cpuset.cpus"))).isEqualTo("0-3");
        assertThat(read(root.resolve("cpuset/mp/kubepods/burstable/pods/cpuset.mems"))).isEqualTo("0");

        PodPlan exclusive = pod("x", "Guaranteed", container("app", new ContainerResources(2000L, 2000L, 1L << 20, 1L << 20)),
                container("half", new ContainerResources(500L, 500L, 1L << 20, 1L << 20)));
        cgroups.createContainer(exclusive, exclusive.containers().get(0));
        cgroups.createContainer(exclusive, exclusive.containers().get(1));
        assertThat(read(root.resolve("cpuset/mp/kubepods/podx/app/cpuset.cpus"))).isEqualTo("1-2");
        assertThat(read(root.resolve("cpuset/mp/kubepods/podx/half/cpuset.cpus"))).isEqualTo("0,3");
        assertThat(read(root.resolve("cpuset/mp/kubepods/burstable/pods/app/cpuset.cpus"))).isEqualTo("0,3");
        assertThat(read(root.resolve("cpu_manager_state"))).isEqualTo("x/app 1-2");

        // a restarted daemon keeps the assignment
        CpuManager again = CpuManager.staticPolicy(CpuSet.parse("0-3"), CpuSet.parse("0"), root.resolve("cpu_manager_state"));
        assertThat(again.sharedCpus()).isEqualTo("0,3");

        // a restarted container keeps its CPUs; they return to the shared pool with the pod
        cgroups.removeContainer("x", "app");
        assertThat(read(root.resolve("cpu_manager_state"))).isEqualTo("x/app 1-2");
        cgroups.removePod("x");
        assertThat(read(root.resolve("cpuset/mp/kubepods/burstable/pods/app/cpuset.cpus"))).isEqualTo("0-3");
        assertThat(root.resolve("cpu_manager_state")).doesNotExist();
    }

    @Test
    void admissionAssignsEveryContainerUpFrontAndInitCpusPassToTheAppContainers() {
        CpuManager cpus = CpuManager.staticPolicy(CpuSet.parse("0-3"), CpuSet.parse("0"), root.resolve("cpu_manager_state"));
        Cgroups cgroups = new Cgroups(new CgroupV1Driver(root, fs, true), "mp", -1, cpus, 4);
        ContainerResources two = new ContainerResources(2000L, 2000L, 1L << 20, 1L << 20);
        ContainerResources one = new ContainerResources(1000L, 1000L, 1L << 20, 1L << 20);
        PodPlan p = new PodPlan("x", "default", "p", "p", "Always", false, 30, List.of(initContainer("setup", two)),
                List.of(container("app", one), container("side", one)), List.of(), List.of(), null, "Guaranteed", false, false);
        cgroups.admit(p);
        // init first (1-2), then the app containers take those CPUs again before any other
        assertThat(read(root.resolve("cpu_manager_state"))).isEqualTo("x/app 1\nx/setup 1-2\nx/side 2");
        assertThat(cpus.sharedCpus()).isEqualTo("0,3");
        cgroups.createContainer(p, p.containers().get(0));
        assertThat(read(root.resolve("cpuset/mp/kubepods/podx/app/cpuset.cpus"))).isEqualTo("1");

        // the next pod wants two of its own but only CPU 3 is free (0 is reserved): refused, nothing kept
        PodPlan big = pod("y", "Guaranteed", container("a", one), container("b", one));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cgroups.admit(big))
                .isInstanceOfSatisfying(dev.minipod.runtime.MinipodException.class,
                        e -> assertThat(e.reason()).isEqualTo("UnexpectedAdmissionError"))
                .hasMessage("not enough cpus available to satisfy request: requested=1, available=0");
        assertThat(cpus.sharedCpus()).isEqualTo("0,3");
        assertThat(read(root.resolve("cpu_manager_state"))).doesNotContain("y/");
        cgroups.removePod("x");
        cgroups.admit(big);
        assertThat(read(root.resolve("cpu_manager_state"))).isEqualTo("y/a 1\ny/b 2");
        cgroups.removePod("y");
    }

    static ContainerPlan initContainer(String name, ContainerResources r) {
        return new ContainerPlan(name, true, "busybox", "sha256:x", List.of(), List.of("sh"), List.of(), "/", "", "/bin",
                List.of(), "", false, null, null, r, dev.minipod.runtime.security.SecurityPlan.defaults(), null);
    }

    @Test
    void qosLevelsWeighLikeTheKubeletsAndBurstableFollowsItsPods() {
        Cgroups cgroups = new Cgroups(new CgroupV1Driver(root, fs, false), "mp", -1, CpuManager.none(), 2);
        PodPlan a = pod("a", "Burstable", container("app", new ContainerResources(300L, null, null, null)));
        PodPlan b = pod("b", "Burstable", container("app", new ContainerResources(200L, null, null, null)),
                container("side", new ContainerResources(500L, 1000L, null, null)));
        cgroups.createPod(a);
        assertThat(read(root.resolve("cpu/mp/kubepods/cpu.shares"))).isEqualTo("2048");
        assertThat(read(root.resolve("cpu/mp/kubepods/burstable/cpu.shares"))).isEqualTo("307");
        cgroups.createPod(b);
        assertThat(read(root.resolve("cpu/mp/kubepods/burstable/cpu.shares"))).isEqualTo("1024"); // 1000m
        cgroups.removePod("a");
        assertThat(read(root.resolve("cpu/mp/kubepods/burstable/cpu.shares"))).isEqualTo("716"); // 700m

        // a restarted daemon learns the burstable pods it re-adopts
        Cgroups restarted = new Cgroups(new CgroupV1Driver(root, fs, false), "mp", -1, CpuManager.none(), 2);
        PodPlan c = pod("c", "Burstable", container("app", new ContainerResources(100L, null, null, null)));
        restarted.account(a); // gone: not counted
        restarted.account(b);
        restarted.createPod(c);
        assertThat(read(root.resolve("cpu/mp/kubepods/burstable/cpu.shares"))).isEqualTo("819"); // 800m
        restarted.removePod("b");
        restarted.removePod("c");
        assertThat(root.resolve("cpu/mp")).doesNotExist();
    }

    @Test
    void staticCpuPolicyRefusesWhatItCannotHonour() {
        CpuManager cpus = CpuManager.staticPolicy(CpuSet.parse("0-1"), CpuSet.parse("0"), root.resolve("state"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> cpus.allocate("p/c", "Guaranteed", new ContainerResources(2000L, 2000L, 1L, 1L)))
                .hasMessage("not enough cpus available to satisfy request: requested=2, available=1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CpuManager.staticPolicy(CpuSet.parse("0-1"), CpuSet.parse(""), root.resolve("s")))
                .hasMessageContaining("--reserved-cpus");
        assertThat(CpuSet.format(CpuSet.parse("0-2,4,6-7"))).isEqualTo("0-2,4,6-7");
    }
}
