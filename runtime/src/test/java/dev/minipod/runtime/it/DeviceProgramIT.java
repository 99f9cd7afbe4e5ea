package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.LinuxKernel;
import dev.minipod.runtime.security.DeviceProgram;
import dev.minipod.runtime.security.DeviceRules;

/**
 * The cgroup v2 device program through the real kernel: the verifier accepts it, and a process in
 * the cgroup gets EPERM opening a host disk but uses the standard nodes. On a hybrid host like this
 * one it runs in the controller-less cgroup2 at /sys/fs/cgroup/unified (device programs live on the
 * v2 hierarchy whatever the v1 controllers do). Needs root.
 */
@Tag("root")
class DeviceProgramIT {
    private Path cgroup;
    private Kernel kernel;

    @BeforeEach
    void start() throws IOException {
        Path v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? Path.of("/sys/fs/cgroup")
                : Path.of("/sys/fs/cgroup/unified");
        assumeTrue(Files.exists(v2.resolve("cgroup.procs")), "no cgroup2 mount on this host");
        cgroup = Files.createDirectory(v2.resolve("minipod-it-devprog-" + UUID.randomUUID()));
        kernel = LinuxKernel.load(TestNode.libexec());
    }

    @AfterEach
    void removeCgroup() throws IOException {
        if (cgroup != null) {
            Files.delete(cgroup); // its processes have exited; the program goes with it
        }
    }

    /** Runs script in a host shell that first moves itself into the cgroup; returns "exit code: stderr". */
    private String inCgroup(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "echo $$ > " + cgroup.resolve("cgroup.procs") + " && " + script)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + ": " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void defaultProgramDeniesTheDiskAndAllowsTheStandardNodes() throws Exception {
        Path dev = DevicesIT.devPath(DevicesIT.openableBlockDevice()).orElseThrow();
        kernel.attachDeviceProgram(cgroup, DeviceProgram.compile(DeviceRules.DEFAULT));

        assertThat(inCgroup("head -c1 " + dev)).startsWith("1: ").contains("Operation not permitted");
        assertThat(inCgroup("head -c1 /dev/urandom && echo x > /dev/null && head -c1 /dev/zero")).isEqualTo("0: ");
        assertThat(inCgroup("head -c1 " + dev + " </dev/null; exit 0")).as("the shell itself still runs").startsWith("0: ");
    }

    @Test
    void privilegedProgramPassesTheVerifierAndOpensTheDisk() throws Exception {
        Path dev = DevicesIT.devPath(DevicesIT.openableBlockDevice()).orElseThrow();
        kernel.attachDeviceProgram(cgroup, DeviceProgram.compile(DeviceRules.PRIVILEGED));
        assertThat(inCgroup("head -c1 " + dev)).isEqualTo("0: "); // read only, never write
    }
}
