package dev.minipod.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountPlanTest {
    static final Path ROOT = Path.of("/run/minipod/pods/u1/containers/app/0/rootfs");
    static final Path SHM = Path.of("/run/minipod/pods/u1/shm");
    static final String R = ROOT.toString();

    static List<String> render(List<MountOp> ops) {
        return ops.stream().map(MountOp::render).toList();
    }

    @Test
    void baseOpsInExactOrderWithNoBinds() {
        MountPlan plan = MountPlan.forContainer(ROOT, SHM, List.of());
        assertThat(render(plan.ops())).containsExactly(
                "makeprivate",
                // MS_NOSUID|MS_NODEV|MS_NOEXEC = 2|4|8
                "mount\tproc\t" + R + "/proc\tproc\t14\t-",
                // MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC = 1|2|4|8
                "mount\tsysfs\t" + R + "/sys\tsysfs\t15\t-",
                "mount\ttmpfs\t" + R + "/dev\ttmpfs\t2\tmode=755,size=65536k",
                // S_IFCHR (020000) | 0666
                "mknod\t" + R + "/dev/null\t20666\t1\t3",
                "mknod\t" + R + "/dev/zero\t20666\t1\t5",
                "mknod\t" + R + "/dev/full\t20666\t1\t7",
                "mknod\t" + R + "/dev/random\t20666\t1\t8",
                "mknod\t" + R + "/dev/urandom\t20666\t1\t9",
                "mknod\t" + R + "/dev/tty\t20666\t5\t0",
                "mkdir\t" + R + "/dev/pts\t755",
                // MS_NOSUID|MS_NOEXEC = 2|8
                "mount\tdevpts\t" + R + "/dev/pts\tdevpts\t10\tnewinstance,ptmxmode=0666,mode=0620",
                "symlink\tpts/ptmx\t" + R + "/dev/ptmx",
                "mkdir\t" + R + "/dev/shm\t1777",
                // MS_BIND = 4096, fstype and data empty -> "-"
                "mount\t" + SHM + "\t" + R + "/dev/shm\t-\t4096\t-",
                "mkdir\t" + R + "/dev/mqueue\t755",
                "symlink\t/proc/self/fd\t" + R + "/dev/fd",
                "symlink\t/proc/self/fd/0\t" + R + "/dev/stdin",
                "symlink\t/proc/self/fd/1\t" + R + "/dev/stdout",
                "symlink\t/proc/self/fd/2\t" + R + "/dev/stderr");
        assertThat(plan.postOps()).isEmpty();
    }

    @Test
    void bindsFollowTheBaseOpsInOrderAndReadOnlyOnesGetARemountPostOp() {
        List<MountPlan.Bind> binds = List.of(
                new MountPlan.Bind(Path.of("/run/minipod/pods/u1/etc/hosts"), ROOT.resolve("etc/hosts"), "/etc/hosts", false),
                new MountPlan.Bind(Path.of("/var/lib/minipod/pods/u1/volumes/kubernetes.io~empty-dir/cache"),
                        ROOT.resolve("data/cache"), "/data/cache", true),
                new MountPlan.Bind(Path.of("/srv/scratch"), ROOT.resolve("scratch"), "/scratch", false));
        MountPlan plan = MountPlan.forContainer(ROOT, SHM, binds);

        List<String> ops = render(plan.ops());
        List<String> base = render(MountPlan.forContainer(ROOT, SHM, List.of()).ops());
        assertThat(ops).hasSize(base.size() + 3);
        assertThat(ops.subList(0, base.size())).isEqualTo(base);
        // MS_BIND|MS_REC = 4096|16384 = 20480, whatever the read-only flag
        assertThat(ops.subList(base.size(), ops.size())).containsExactly(
                "mount\t/run/minipod/pods/u1/etc/hosts\t" + R + "/etc/hosts\t-\t20480\t-",
                "mount\t/var/lib/minipod/pods/u1/volumes/kubernetes.io~empty-dir/cache\t" + R + "/data/cache\t-\t20480\t-",
                "mount\t/srv/scratch\t" + R + "/scratch\t-\t20480\t-");
        // MS_BIND|MS_REMOUNT|MS_RDONLY|MS_REC = 4096|32|1|16384 = 20513, on the container path, source "-"
        assertThat(render(plan.postOps())).containsExactly("mount\t-\t/data/cache\t-\t20513\t-");
    }

    @Test
    void everyReadOnlyBindGetsItsOwnRemountInBindOrder() {
        MountPlan plan = MountPlan.forContainer(ROOT, SHM, List.of(
                new MountPlan.Bind(Path.of("/a"), ROOT.resolve("x"), "/x", true),
                new MountPlan.Bind(Path.of("/b"), ROOT.resolve("y"), "/y", false),
                new MountPlan.Bind(Path.of("/c"), ROOT.resolve("z"), "/z", true)));
        assertThat(render(plan.postOps())).containsExactly(
                "mount\t-\t/x\t-\t20513\t-",
                "mount\t-\t/z\t-\t20513\t-");
    }

    @Test
    void planListsAreImmutable() {
        MountPlan plan = MountPlan.forContainer(ROOT, SHM, List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan.ops().add(new MountOp.MakePrivate()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void hardeningWritesSysctlsThenMasksThenReadOnlyPathsThenTheReadOnlyRoot() {
        MountPlan plan = MountPlan.forContainer(ROOT, SHM, List.of(new MountPlan.Bind(Path.of("/v"), Path.of(R + "/v"), "/v", true)),
                new MountPlan.Hardening(List.of("/proc/kcore"), List.of("/proc/sys"),
                        java.util.Map.of("/proc/sys/kernel/shm_rmid_forced", "1"), true, true, List.of()));
        // privileged: /sys read-write (MS_NOSUID|MS_NODEV|MS_NOEXEC only)
        assertThat(render(plan.ops())).contains("mount\tsysfs\t" + R + "/sys\tsysfs\t14\t-");
        assertThat(render(plan.postOps())).containsExactly(
                "write\t/proc/sys/kernel/shm_rmid_forced\t1",
                "mask\t/proc/kcore",
                "readonly\t/proc/sys",
                // MS_BIND|MS_REMOUNT|MS_RDONLY|MS_REC = 4096|32|1|16384
                "mount\t-\t/v\t-\t20513\t-",
                // the root alone: MS_BIND|MS_REMOUNT|MS_RDONLY
                "mount\t-\t/\t-\t4129\t-");
    }

    @Test
    void privilegedContainersGetTheHostsDeviceNodesWithTheirParents() {
        var devices = List.of(MountPlan.HostDevice.of("/dev/null", false, 0666, 0x103),
                MountPlan.HostDevice.of("/dev/cpu/0/cpuid", false, 0600, (203L << 8) | 0),
                MountPlan.HostDevice.of("/dev/cpu/1/cpuid", false, 0600, (203L << 8) | 1),
                MountPlan.HostDevice.of("/dev/vda", true, 0660, (253L << 8) | 0),
                // a large minor: dev_t keeps its high bits above bit 20
                MountPlan.HostDevice.of("/dev/big", false, 0600, (4L << 8) | 0x12 | (0x345L << 20)));
        assertThat(devices.get(4).minor()).isEqualTo(0x34512);
        MountPlan plan = MountPlan.forContainer(ROOT, SHM, List.of(),
                new MountPlan.Hardening(List.of(), List.of(), java.util.Map.of(), false, true, devices));
        List<String> ops = render(plan.ops());
        assertThat(ops.stream().filter(o -> o.startsWith("mknod\t" + R + "/dev/null")).count()).as("the container's own").isOne();
        assertThat(ops).containsSubsequence(
                "mkdir\t" + R + "/dev/cpu\t755",
                "mkdir\t" + R + "/dev/cpu/0\t755",
                "mknod\t" + R + "/dev/cpu/0/cpuid\t20600\t203\t0",
                "mkdir\t" + R + "/dev/cpu/1\t755",
                "mknod\t" + R + "/dev/cpu/1/cpuid\t20600\t203\t1",
                "mknod\t" + R + "/dev/vda\t60660\t253\t0");
    }
}
