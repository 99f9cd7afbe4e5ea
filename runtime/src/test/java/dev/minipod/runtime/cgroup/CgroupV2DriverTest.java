package dev.minipod.runtime.cgroup;

import static dev.minipod.runtime.cgroup.FakeCgroupFs.read;
import static dev.minipod.runtime.cgroup.FakeCgroupFs.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.plan.CgroupLimits;
import dev.minipod.runtime.plan.ContainerResources;
import dev.minipod.runtime.plan.QosClass;

/** The v2 driver against a fake unified tree: files it writes, counters it reads, what it removes. */
class CgroupV2DriverTest {
    @TempDir
    Path root;
    FakeCgroupFs fs = new FakeCgroupFs(true);
    CgroupV2Driver driver;

    @BeforeEach
    void seedRoot() {
        write(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc");
        write(root.resolve("cgroup.subtree_control"), "");
        write(root.resolve("cgroup.procs"), "1\n");
        write(root.resolve("cpuset.cpus.effective"), "0-3");
        driver = new CgroupV2Driver(root, fs, false);
    }

    @Test
    void createDelegatesControllersDownThePathAndWritesLimitsOnTheLeaf() {
        String pod = "minipod/kubepods/burstable/podu1";
        driver.create(pod, CgroupLimits.forPod(QosClass.BURSTABLE, List.of(),
                List.of(new ContainerResources(250L, 500L, 64L << 20, 64L << 20)), 100));

        for (Path level : List.of(root, root.resolve("minipod"), root.resolve("minipod/kubepods"), root.resolve("minipod/kubepods/burstable"))) {
            assertThat(read(level.resolve("cgroup.subtree_control"))).as("%s", level).isEqualTo("+cpu +memory +pids");
        }
        Path d = root.resolve(pod);
        assertThat(read(d.resolve("cpu.weight"))).isEqualTo("10"); // shares 256 -> 1 + 254*9999/262142
        assertThat(read(d.resolve("cpu.max"))).isEqualTo("50000 100000");
        assertThat(read(d.resolve("memory.max"))).isEqualTo(Long.toString(64L << 20));
        assertThat(read(d.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(read(d.resolve("pids.max"))).isEqualTo("100");
        // intermediate levels carry no limits
        assertThat(read(root.resolve("minipod/kubepods/memory.max"))).isEqualTo("max");
    }

    @Test
    void noLimitsLeaveTheKernelDefaults() {
        driver.create("p/c", CgroupLimits.forContainer(ContainerResources.NONE));
        Path d = root.resolve("p/c");
        assertThat(read(d.resolve("cpu.weight"))).isEqualTo("1");
        assertThat(read(d.resolve("cpu.max"))).isEqualTo("max 100000");
        assertThat(read(d.resolve("memory.max"))).isEqualTo("max");
        assertThat(read(d.resolve("memory.swap.max"))).isEqualTo("max");
        assertThat(read(d.resolve("pids.max"))).isEqualTo("max");
    }

    @Test
    void cpusetIsDelegatedAndWrittenOnlyUnderTheStaticPolicy() {
        CgroupV2Driver withCpuset = new CgroupV2Driver(root, fs, true);
        assertThat(withCpuset.managesCpuset()).isTrue();
        assertThat(withCpuset.allCpus()).isEqualTo("0-3");
        withCpuset.create("p/c", CgroupLimits.NONE);
        assertThat(read(root.resolve("cgroup.subtree_control"))).isEqualTo("+cpuset +cpu +memory +pids");
        withCpuset.setCpus("p/c", "2-3");
        assertThat(read(root.resolve("p/c/cpuset.cpus"))).isEqualTo("2-3");
        driver.create("q/c", CgroupLimits.NONE);
        driver.setCpus("q/c", "1");
        assertThat(root.resolve("q/c/cpuset.cpus")).doesNotExist();
    }

    @Test
    void procsFilesOomCounterAndUsage() {
        driver.create("p/c", CgroupLimits.NONE);
        Path d = root.resolve("p/c");
        assertThat(driver.procsFiles("p/c")).containsExactly(d.resolve("cgroup.procs"));
        assertThat(driver.oomKills("p/c")).isZero();
        write(d.resolve("memory.events"), "low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n");
        assertThat(driver.oomKills("p/c")).isEqualTo(2);
        write(d.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        write(d.resolve("memory.current"), "10485760");
        write(d.resolve("memory.stat"), "anon 1\nfile 4096\nactive_file 0\ninactive_file 1048576\n");
        assertThat(driver.usage("p/c")).contains(new CgroupUsage(1_500_000, 9437184));
        assertThat(driver.usage("p/gone")).isEmpty();
        assertThat(driver.procsFiles("p/gone")).isEmpty();
    }

    @Test
    void removeKillsWhatIsLeftAndRemovesDeepestFirst() {
        driver.create("p/a", CgroupLimits.NONE);
        driver.create("p/b", CgroupLimits.NONE);
        write(root.resolve("p/a/cgroup.procs"), "42\n");
        // the fake "kernel" lets the process go once it was killed
        Thread reaper = new Thread(() -> {
            while (fs.killed.isEmpty()) {
                Thread.onSpinWait();
            }
            write(root.resolve("p/a/cgroup.procs"), "");
        });
        reaper.start();
        driver.remove("p");
        assertThat(fs.killed).contains(42);
        assertThat(root.resolve("p")).doesNotExist();
        assertThat(driver.exists("p")).isFalse();
        assertThat(Files.exists(root.resolve("cgroup.procs"))).isTrue();
    }

    @Test
    void detectionIsV2OnlyForACgroup2MountWithControllers() {
        String v1 = "30 23 0:26 / /sys/fs/cgroup rw,nosuid - tmpfs tmpfs ro,mode=755";
        String hybrid = "40 30 0:35 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw";
        String v2 = "30 23 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate";
        Path mount = Path.of("/sys/fs/cgroup");
        assertThat(CgroupDrivers.fsType(mount, List.of(v1, hybrid))).isEqualTo("tmpfs");
        assertThat(CgroupDrivers.fsType(mount, List.of(v2))).isEqualTo("cgroup2");
        assertThat(CgroupDrivers.fsType(mount, List.of(hybrid))).isEmpty();
        assertThat(CgroupDrivers.isV2("cgroup2", List.of("cpu", "memory"))).isTrue();
        // the unified mount of a hybrid host: cgroup2 but (nearly) no controllers
        assertThat(CgroupDrivers.isV2("cgroup2", List.of(""))).isFalse();
        assertThat(CgroupDrivers.isV2("tmpfs", List.of("cpu"))).isFalse();
    }
}
