package dev.minipod.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.Undo;
import dev.minipod.runtime.cgroup.Cgroups;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.OomScore;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.rootfs.ContainerRootfs;
import dev.minipod.runtime.rootfs.MountPlan;
import dev.minipod.runtime.rootfs.SafePath;
import dev.minipod.runtime.security.RunAsNonRoot;
import dev.minipod.runtime.security.SecurityPlan;
import dev.minipod.runtime.security.Sysctls;
import dev.minipod.runtime.state.Dirs;
import dev.minipod.runtime.state.Layout;

/**
 * Starts, stops and cleans up container instances of a pod whose sandbox exists: overlay rootfs,
 * mount plan, monitor launch. Decides nothing about when; the pod worker does.
 */
public final class ContainerRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerRunner.class);

    private final Kernel kernel;
    private final Layout layout;
    private final MonitorLauncher launcher;
    private final ContainerRootfs rootfs;
    private final Cgroups cgroups;
    private final ExecRunner execRunner;

    public ContainerRunner(Kernel kernel, Layout layout, Path libexec, Cgroups cgroups) {
        this.kernel = kernel;
        this.layout = layout;
        this.cgroups = cgroups;
        this.execRunner = new ExecRunner(kernel, libexec);
        this.launcher = new MonitorLauncher(kernel, libexec);
        this.rootfs = new ContainerRootfs(kernel);
    }

    /** The outcome of a start: a running instance (watch monitorPidfd), or why it could not start. */
    public record Started(Instance instance, int monitorPidfd, String startError) {}

    public Started start(PodPlan pod, ContainerPlan c, int attempt) {
        if (c.security().nonRootError() != null) {
            throw new MinipodException(RunAsNonRoot.REASON, 1, c.security().nonRootError());
        }
        Undo undo = new Undo();
        Instant startedAt = Instant.now();
        try {
            Path layerDir = layout.instanceDir(pod.uid(), c.name(), attempt);
            Path root = layout.rootfs(pod.uid(), c.name(), attempt);
            Path runDir = layout.instanceRunDir(pod.uid(), c.name(), attempt);
            Files.createDirectories(runDir);
            Files.deleteIfExists(layout.exitFile(pod.uid(), c.name(), attempt));
            rootfs.mount(layerDir, root, c.layersBottomToTop());
            undo.push(() -> rootfs.unmount(layerDir, root));
            List<Path> cgroupProcs = cgroups.createContainer(pod, c);
            undo.push(() -> cgroups.removeContainer(pod.uid(), c.name()));
            MonitorConfig config = config(pod, c, attempt, root);
            config.putAll("cgroup", cgroupProcs.stream().map(Path::toString).toList());
            int oomScoreAdj = OomScore.adjust(pod.qosClass(), c.resources(), HostMemory.capacityBytes());
            config.put("oom_score_adj", Integer.toString(oomScoreAdj));
            Path log = layout.logFile(pod.namespace(), pod.name(), pod.uid(), c.name(), attempt);
            Files.createDirectories(log.getParent());
            long t0 = System.nanoTime();
            MonitorLauncher.Launched launched = launcher.run(config);
            long spawnMicros = (System.nanoTime() - t0) / 1000;
            if (!launched.started()) {
                // The monitor has written the exit file (exitCode 128, startError) and is exiting.
                kernel.waitExit(launched.monitor().pidfd(), false);
                kernel.close(launched.monitor().pidfd());
                undo.runAll();
                return new Started(null, -1, launched.startError());
            }
            String id = HexFormat.of().formatHex(randomBytes());
            // the host may refuse a lower score than the daemon's own (no CAP_SYS_RESOURCE): the monitor
            // keeps the inherited one then; what was applied is logged
            LOG.info("event=container-started pod={}/{} container={} pid={} spawnMicros={} oomScoreAdj={} oomScoreAdjApplied={}",
                    pod.namespace(), pod.name(), c.name(), launched.containerPid(), spawnMicros, oomScoreAdj,
                    ProcStat.oomScoreAdj(launched.containerPid()));
            int mpid = launched.monitor().pid();
            Instance instance = new Instance(c.name(), id, attempt, mpid, ProcStat.startTime(mpid),
                    launched.containerPid(), ProcStat.startTime(launched.containerPid()), startedAt);
            undo.forget();
            return new Started(instance, launched.monitor().pidfd(), null);
        } catch (IOException e) {
            throw undo.rollback(new UncheckedIOException("start container " + c.name(), e));
        } catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    private MonitorConfig config(PodPlan pod, ContainerPlan c, int attempt, Path root) {
        for (String dir : List.of("/proc", "/sys", "/dev", "/etc")) {
            SafePath.mkdirs(root, dir);
        }
        List<MountPlan.Bind> binds = new ArrayList<>();
        for (String etc : List.of("hosts", "hostname", "resolv.conf")) {
            binds.add(new MountPlan.Bind(layout.etcFile(pod.uid(), etc), SafePath.touch(root, "/etc/" + etc), "/etc/" + etc, false));
        }
        if (!c.terminationMessagePath().isEmpty()) {
            String path = c.terminationMessagePath();
            Path source = terminationLog(pod, c, attempt);
            // /dev is a fresh tmpfs in the container: a target there is made after it is mounted
            binds.add(path.startsWith("/dev/") ? MountPlan.Bind.fileInDev(source, root, path)
                    : new MountPlan.Bind(source, SafePath.touch(root, path), path, false));
        }
        for (ContainerPlan.VolumeMountPlan m : c.mounts()) {
            Path source = layout.emptyDir(pod.uid(), m.volume());
            binds.add(new MountPlan.Bind(source, SafePath.mkdirs(root, m.mountPath()), m.mountPath(), m.readOnly()));
        }
        MountPlan plan = MountPlan.forContainer(root, layout.shm(pod.uid()), binds, hardening(c.security()))
                .withCgroupView(root, cgroups.containerDirs(pod.uid(), c.name()));
        String cwd = c.workingDir() == null || c.workingDir().isEmpty() ? "/" : c.workingDir();
        SafePath.mkdirs(root, cwd);

        MonitorConfig config = new MonitorConfig()
                .put("log", layout.logFile(pod.namespace(), pod.name(), pod.uid(), c.name(), attempt).toString())
                .put("exit", layout.exitFile(pod.uid(), c.name(), attempt).toString());
        if (pod.shareProcessNamespace() || pod.hostPID()) {
            config.put("pidns", layout.nsPin(pod.uid(), "pid").toString());
        }
        for (String type : List.of("net", "ipc", "uts")) {
            config.put("ns", type + " " + layout.nsPin(pod.uid(), type));
        }
        config.put("newns", "mnt");
        plan.ops().forEach(op -> config.put("op", op.render()));
        config.put("root", root.toString());
        plan.postOps().forEach(op -> config.put("postop", op.render()));
        config.put("cwd", cwd);
        SecurityConfig.put(config, root, c);
        config.put("path", c.searchPath())
                .putAll("arg", c.argv())
                .putAll("env", c.env());
        return config;
    }

    private static MountPlan.Hardening hardening(SecurityPlan s) {
        Map<String, String> sysctls = new LinkedHashMap<>();
        s.sysctls().forEach((name, value) -> sysctls.put(Sysctls.procPath(name), value));
        return new MountPlan.Hardening(s.maskedPaths(), s.readonlyPaths(), sysctls, s.readOnlyRootFilesystem(), s.privileged(),
                s.privileged() ? hostDevices() : List.of());
    }

    /** The host's device nodes (runc's HostDevices: pts, shm, mqueue and fd are the container's own). */
    private static List<MountPlan.HostDevice> hostDevices() {
        List<MountPlan.HostDevice> out = new ArrayList<>();
        java.util.Set<String> skip = java.util.Set.of("/dev/pts", "/dev/shm", "/dev/mqueue", "/dev/fd");
        try (var walk = Files.walk(Path.of("/dev"))) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (skip.stream().anyMatch(s -> p.startsWith(s)) || Files.isSymbolicLink(p)) {
                    continue;
                }
                var a = Files.readAttributes(p, "unix:mode,rdev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) a.get("mode");
                int type = mode & 0170000;
                if (type == 0020000 || type == 0060000) {
                    out.add(MountPlan.HostDevice.of(p.toString(), type == 0060000, mode, (Long) a.get("rdev")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("list host devices", e);
        }
        return out;
    }

    /**
     * Stops a running instance: SIGTERM to its main process, SIGKILL after the grace period.
     * Returns once the main process is gone (the monitor then records the exit).
     */
    public void stop(Instance instance, long graceSeconds) {
        if (!ProcStat.isSameProcess(instance.containerPid(), instance.containerStartTime())) {
            return;
        }
        int pidfd;
        try {
            pidfd = kernel.pidfdOpen(instance.containerPid());
        } catch (RuntimeException gone) {
            return;
        }
        try {
            if (graceSeconds > 0 && kernel.signal(pidfd, Kernel.SIGTERM)) {
                waitGone(pidfd, graceSeconds * 1000);
            }
            if (kernel.signal(pidfd, Kernel.SIGKILL)) {
                waitGone(pidfd, 10_000);
            }
        } finally {
            kernel.close(pidfd);
        }
    }

    /** A pidfd for an instance's monitor after a daemon restart, or -1 if the monitor is gone. */
    public int adopt(Instance instance) {
        if (!ProcStat.isSameProcess(instance.monitorPid(), instance.monitorStartTime())) {
            return -1;
        }
        try {
            return kernel.pidfdOpen(instance.monitorPid());
        } catch (RuntimeException gone) {
            return -1;
        }
    }

    /** Creates the empty, world-writable termination message file (any container user may write it). */
    private Path terminationLog(PodPlan pod, ContainerPlan c, int attempt) {
        Path f = layout.terminationLog(pod.uid(), c.name(), attempt);
        try {
            Files.deleteIfExists(f);
            Files.createFile(f);
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        } catch (IOException e) {
            throw new UncheckedIOException("create termination log `" + f + "`", e);
        }
        return f;
    }

    /** The terminated instance's message (kubelet rules); read before {@link #cleanup} removes the file. */
    public String terminationMessage(PodPlan pod, ContainerPlan c, int attempt, int exitCode) {
        if (c.terminationMessagePath().isEmpty()) {
            return null;
        }
        return TerminationMessage.read(layout.terminationLog(pod.uid(), c.name(), attempt),
                layout.logFile(pod.namespace(), pod.name(), pod.uid(), c.name(), attempt), c.fallbackToLogsOnError(), exitCode);
    }

    /** Creates the pod cgroup with the pod's limits, in its QoS level (before the sandbox joins it). */
    public void createPodCgroup(PodPlan pod) {
        cgroups.createPod(pod);
    }

    /** OOM kills in the container's cgroup during this instance (read before {@link #cleanup} removes it). */
    public long oomKills(PodPlan pod, String container) {
        return cgroups.oomKills(pod.uid(), container);
    }

    /** Kills and removes whatever a container left without a record: processes in its cgroup, its mounts and dirs. */
    public void removeStrays(PodPlan pod, String container) {
        cgroups.removeContainer(pod.uid(), container);
        Path runDir = layout.instanceRunDir(pod.uid(), container, 0).getParent();
        for (Path m : MountInfo.under(runDir)) {
            kernel.umount(m, Kernel.MNT_DETACH);
        }
        Dirs.deleteTree(runDir);
        Dirs.deleteTree(layout.instanceDir(pod.uid(), container, 0).getParent());
    }

    public ExecRunner execRunner() { return execRunner; }

    /** The cgroup.procs files of a container's cgroups (processes run in it join them). */
    public List<Path> cgroupProcs(PodPlan pod, ContainerPlan c) {
        return cgroups.procsFiles(pod.uid(), c.name());
    }

    /** Runs a command in a running instance's namespaces and cgroups (exec, hooks, exec probes). */
    public int exec(PodPlan pod, ContainerPlan c, Instance i, List<String> command, dev.minipod.runtime.api.PodService.ExecSink sink) {
        return execRunner.exec(c, i, layout.rootfs(pod.uid(), c.name(), i.attempt()), cgroups.procsFiles(pod.uid(), c.name()),
                command, sink);
    }

    /** A pidfd for the pod's pause after a daemon restart, or -1 if it is gone. */
    public int adoptPause(dev.minipod.runtime.sandbox.SandboxHandle s) {
        if (!ProcStat.isSameProcess(s.pausePid(), s.pauseStartTime()) || ProcStat.isGone(s.pausePid())) {
            return -1;
        }
        try {
            return kernel.pidfdOpen(s.pausePid());
        } catch (RuntimeException gone) {
            return -1;
        }
    }

    /** Waits for the monitor (the record keeper) to finish after its container ended. */
    public void awaitMonitor(Instance instance, long timeoutMs) {
        if (!ProcStat.isSameProcess(instance.monitorPid(), instance.monitorStartTime())) {
            return;
        }
        try {
            int pidfd = kernel.pidfdOpen(instance.monitorPid());
            try {
                waitGone(pidfd, timeoutMs);
            } finally {
                kernel.close(pidfd);
            }
        } catch (RuntimeException gone) {
            // already gone
        }
    }

    private void waitGone(int pidfd, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            if (kernel.poll(new int[] {pidfd}, (int) Math.min(left, 1000))[0] != 0) {
                return;
            }
        }
    }

    /** Removes an instance's rootfs mount, writable layer and run dir (its log stays). */
    public void cleanup(PodPlan pod, String container, int attempt) {
        cgroups.removeContainer(pod.uid(), container);
        rootfs.unmount(layout.instanceDir(pod.uid(), container, attempt), layout.rootfs(pod.uid(), container, attempt));
        Dirs.deleteTree(layout.instanceRunDir(pod.uid(), container, attempt));
    }

    public Path exitFile(PodPlan pod, String container, int attempt) {
        return layout.exitFile(pod.uid(), container, attempt);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
