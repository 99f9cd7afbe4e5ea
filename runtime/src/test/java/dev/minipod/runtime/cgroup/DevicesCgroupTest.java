package dev.minipod.runtime.cgroup;

import static dev.minipod.runtime.cgroup.FakeCgroupFs.read;
import static dev.minipod.runtime.cgroup.FakeCgroupFs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.ContainerResources;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.security.Capabilities;
import dev.minipod.runtime.security.DeviceProgram;
import dev.minipod.runtime.security.DeviceRules;
import dev.minipod.runtime.security.SecurityPlan;

/** Device rules: their v1 devices.deny/devices.allow writes, on leaves only; v2 attaches the compiled program. */
class DevicesCgroupTest {
    @TempDir
    Path root;
    FakeCgroupFs fs = new FakeCgroupFs(false);

    @BeforeEach
    void seedHierarchies() {
        for (String c : List.of("memory", "devices")) {
            write(root.resolve(c).resolve("cgroup.procs"), "1\n");
            write(root.resolve(c).resolve("cgroup.sane_behavior"), "0");
        }
    }

    private static List<String> rendered(List<String> rules) {
        return CgroupV1Driver.devicesWrites(rules).stream().map(w -> w[0] + " <- " + w[1]).toList();
    }

    @Test
    void denyAllThenAllowEachRuleOneWriteApiece() {
        List<String> w = rendered(DeviceRules.DEFAULT);
        assertThat(w).hasSize(DeviceRules.DEFAULT.size() + 1);
        assertThat(w.get(0)).isEqualTo("devices.deny <- a");
        assertThat(w).contains("devices.allow <- c 1:3 rwm", "devices.allow <- c 136:* rwm", "devices.allow <- b *:* m");
        assertThat(w).noneMatch(s -> s.startsWith("devices.allow <- b ") && s.endsWith("rwm"));
        assertThat(rendered(DeviceRules.PRIVILEGED)).containsExactly("devices.deny <- a", "devices.allow <- a");
    }

    static ContainerPlan container(String name, SecurityPlan security) {
        return new ContainerPlan(name, false, "busybox", "sha256:x", List.of(), List.of("sh"), List.of(), "/", "", "/bin",
                List.of(), "", false, null, null, ContainerResources.NONE, security, null);
    }

    static PodPlan pod(ContainerPlan... containers) {
        return new PodPlan("u", "default", "p", "p", "Always", false, 30, List.of(), List.of(containers), List.of(), List.of(),
                null, "BestEffort", false, false);
    }

    @Test
    void containersAndTheSandboxGetRulesTheirParentsKeepEverything() {
        SecurityPlan privileged = new SecurityPlan(null, null, List.of(), true, null, null, false, true, Capabilities.ALL,
                false, List.of(), List.of(), null, java.util.Map.of());
        Cgroups cgroups = new Cgroups(new CgroupV1Driver(root, fs, false), "mp", -1, CpuManager.none());
        PodPlan p = pod(container("app", SecurityPlan.defaults()), container("priv", privileged));
        cgroups.createContainer(p, p.containers().get(0));
        cgroups.createContainer(p, p.containers().get(1));
        cgroups.joinPod("u", 4242);
        Path pod = root.resolve("devices/mp/kubepods/besteffort/podu");
        // the fake keeps each file's last write: the deny went first, the final allow last
        for (String leaf : List.of("app", Cgroups.SANDBOX)) {
            assertThat(read(pod.resolve(leaf).resolve("devices.deny"))).isEqualTo("a");
            assertThat(read(pod.resolve(leaf).resolve("devices.allow"))).isEqualTo(DeviceRules.DEFAULT.get(DeviceRules.DEFAULT.size() - 1));
        }
        assertThat(read(pod.resolve("priv/devices.allow"))).isEqualTo("a");
        assertThat(pod.resolve("devices.deny")).as("no rules above the leaves").doesNotExist();
        assertThat(read(pod.resolve(Cgroups.SANDBOX).resolve("cgroup.procs"))).isEqualTo("4242");

        for (String c : List.of("memory", "devices")) {
            write(root.resolve(c).resolve("mp/kubepods/besteffort/podu").resolve(Cgroups.SANDBOX).resolve("cgroup.procs"), ""); // pause is gone
        }
        cgroups.removePod("u");
        assertThat(root.resolve("devices/mp")).as("teardown covers the devices hierarchy").doesNotExist();
    }

    @Test
    void aV1HostWithoutTheDevicesHierarchyRefusesContainers() {
        Path bare = root.resolve("bare");
        write(bare.resolve("memory/cgroup.procs"), "1\n");
        write(bare.resolve("memory/cgroup.sane_behavior"), "0");
        CgroupV1Driver driver = new CgroupV1Driver(bare, fs, false);
        assertThatThrownBy(() -> driver.setDevices("mp/c", DeviceRules.DEFAULT))
                .hasMessageContaining("no v1 devices hierarchy");
    }

    @Test
    void v2AttachesTheCompiledProgramToLeavesOnly() {
        Path v2 = root.resolve("v2");
        write(v2.resolve("cgroup.controllers"), "cpu memory pids");
        FakeCgroupFs fs2 = new FakeCgroupFs(true);
        Cgroups cgroups = new Cgroups(new CgroupV2Driver(v2, fs2, false), "mp", -1, CpuManager.none());
        PodPlan p = pod(container("app", SecurityPlan.defaults()));
        cgroups.createContainer(p, p.containers().get(0));
        cgroups.joinPod("u", 4242);
        Path pod = v2.resolve("mp/kubepods/besteffort/podu");
        assertThat(fs2.devicePrograms).containsOnlyKeys(pod.resolve("app"), pod.resolve(Cgroups.SANDBOX));
        assertThat(fs2.devicePrograms.get(pod.resolve("app"))).isEqualTo(DeviceProgram.compile(DeviceRules.DEFAULT));
    }

    @Test
    void aHostThatCannotAttachProgramsRefusesContainers() {
        write(root.resolve("v2/cgroup.controllers"), "cpu memory pids");
        CgroupV2Driver driver = new CgroupV2Driver(root.resolve("v2"), new CgroupHost() {
            public void kill(int pid) {}

            public boolean rmdir(Path dir) { return true; }
        }, false);
        assertThatThrownBy(() -> driver.setDevices("mp/c", DeviceRules.DEFAULT)).hasMessageContaining("attach device program");
    }
}
