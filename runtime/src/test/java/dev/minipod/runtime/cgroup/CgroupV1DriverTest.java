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
        for (String c : List.of("cpu", "cpuacct", "memory", "pids", "cpuset")) {
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
                dev.minipod.runtime.security.SecurityPlan.defaults());
    }

    static PodPlan pod(String uid, String qos, ContainerPlan... containers) {
        return new PodPlan(uid, "default", "p", "p", "Always", false, 30, List.of(), List.of(containers), List.of(), List.of(), null, qos,
                false, false);
    }

    @Test
    void limitsLandInEachControllersHierarchy() {
        CgroupV1Driver driver = new CgroupV1Driver(root, fs, false);
        assertThat(driver.controllers()).containsExactly("cpu", "cpuacct", "memory", "pids");
        driver.create("m/pod1/c", CgroupLimits.forContainer(new ContainerResources(1500L, 1500L, 128L << 20, 128L << 20)));
        assertThat(read(root.resolve("cpu/m/pod1/c/cpu.shares"))).isEqualTo("1536");
        assertThat(read(root.resolve("cpu/m/pod1/c/cpu.cfs_period_us"))).isEqualTo("100000");
        assertThat(read(root.resolve("cpu/m/pod1/c/cpu.cfs_quota_us"))).isEqualTo("150000");
        assertThat(read(root.resolve("memory/m/pod1/c/memory.limit_in_bytes"))).isEqualTo(Long.toString(128L << 20));
        assertThat(read(root.resolve("memory/m/pod1/c/memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(128L << 20));
        assertThat(driver.procsFiles("m/pod1/c")).hasSize(4);
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
        for (String c : List.of("cpu", "cpuacct", "memory", "pids")) {
            write(root.resolve(c + "/mp/kubepods/burstable/podb/" + Cgroups.SANDBOX + "/cgroup.procs"), ""); // pause is gone
        }

        cgroups.removePod("g");
        assertThat(root.resolve("memory/mp/kubepods")).isDirectory();
        cgroups.removePod("b");
        cgroups.removePod("e");
        for (String c : List.of("cpu", "cpuacct", "memory", "pids")) {
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

        cgroups.removeContainer("x", "app");
        assertThat(read(root.resolve("cpuset/mp/kubepods/burstable/pods/app/cpuset.cpus"))).isEqualTo("0-3");
        assertThat(root.resolve("cpu_manager_state")).doesNotExist();
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
