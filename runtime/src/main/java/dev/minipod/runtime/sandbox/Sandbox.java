package dev.minipod.runtime.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.minipod.runtime.Undo;
import dev.minipod.runtime.cgroup.Cgroups;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.network.CniRuntime;
import dev.minipod.runtime.network.PodNetwork;
import dev.minipod.runtime.process.ProcStat;
import dev.minipod.runtime.state.Dirs;
import dev.minipod.runtime.state.Layout;

/**
 * The pod's infra sandbox: pause as PID 1 of new net (loopback up), ipc, uts (hostname) and pid
 * namespaces, each pinned by a bind mount under the run root so the pod's namespaces outlive a
 * pause crash long enough to be torn down, plus the pod-shared /dev/shm tmpfs. The pinned netns
 * joins the node's CNI network (ADD) once pinned and leaves it (DEL) before the pin goes.
 */
public final class Sandbox {
    public static final List<String> PINNED = List.of("net", "ipc", "uts", "pid");
    private static final int NS_FLAGS = Kernel.CLONE_NEWNET | Kernel.CLONE_NEWIPC | Kernel.CLONE_NEWUTS | Kernel.CLONE_NEWPID;

    private final Kernel kernel;
    private final Layout layout;
    private final Path pauseBinary;
    private final Cgroups cgroups;
    private final PodNetwork network;

    public Sandbox(Kernel kernel, Layout layout, Path libexec, Cgroups cgroups, PodNetwork network) {
        this.kernel = kernel;
        this.network = network;
        this.layout = layout;
        this.cgroups = cgroups;
        this.pauseBinary = libexec.resolve("pause");
    }

    /** Creates the sandbox; returns the handle and the pause pidfd (to watch). Nothing is left on failure. */
    public Created create(String podUid, String hostname, NetworkRequest net) {
        return create(podUid, hostname, net, false, false);
    }

    /**
     * hostPID / hostIPC: pause (and so every container) stays in the host's pid / ipc namespace;
     * hostNetwork: in the host's net and uts namespaces, and the pins below pin those.
     */
    public Created create(String podUid, String hostname, NetworkRequest net, boolean hostPID, boolean hostIPC) {
        int nsFlags = NS_FLAGS & ~(hostPID ? Kernel.CLONE_NEWPID : 0) & ~(hostIPC ? Kernel.CLONE_NEWIPC : 0)
                & ~(net.hostNetwork() ? Kernel.CLONE_NEWNET | Kernel.CLONE_NEWUTS : 0);
        Undo undo = new Undo();
        try {
            Path runDir = layout.podRunDir(podUid);
            Files.createDirectories(layout.nsPin(podUid, "net").getParent());
            undo.push(() -> Dirs.deleteTree(runDir));
            Kernel.Child pause = kernel.spawn(pauseBinary, List.of("pause"), List.of(), new int[] {-1, -1, -1, -1}, nsFlags, hostname);
            undo.push(() -> stopPause(pause.pid(), pause.pidfd()));
            undo.push(() -> cgroups.removePod(podUid));
            cgroups.joinPod(podUid, pause.pid());
            for (String type : PINNED) {
                Path pin = layout.nsPin(podUid, type);
                Files.createFile(pin);
                kernel.mount("/proc/" + pause.pid() + "/ns/" + type, pin, null, Kernel.MS_BIND, null);
                undo.push(() -> kernel.umount(pin, Kernel.MNT_DETACH));
            }
            Path shm = layout.shm(podUid);
            Files.createDirectories(shm);
            kernel.mount("shm", shm, "tmpfs", Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC, "mode=1777,size=65536k");
            undo.push(() -> kernel.umount(shm, Kernel.MNT_DETACH));
            List<String> ips = List.of(net.hostIP());
            if (!net.hostNetwork()) {
                ips = network.setUp(new CniRuntime(podUid, layout.nsPin(podUid, "net").toString(), CniRuntime.IF_NAME,
                        net.podName(), net.podNamespace(), podUid, net.ports()));
                undo.push(() -> network.tearDown(podUid));
            }
            SandboxHandle handle = new SandboxHandle(podUid, pause.pid(), ProcStat.startTime(pause.pid()), ips);
            undo.forget();
            return new Created(handle, pause.pidfd());
        } catch (IOException e) {
            throw undo.rollback(new UncheckedIOException("create sandbox for pod " + podUid, e));
        } catch (RuntimeException e) {
            throw undo.rollback(e);
        }
    }

    public record Created(SandboxHandle handle, int pausePidfd) {}

    /** The host's own hostname (a hostNetwork pod's). */
    public static String hostHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("read `/proc/sys/kernel/hostname`", e);
        }
    }

    /** Pods a crashed daemon left on the network without a pod to go with them: DEL them. */
    public void removeOrphanNetworks(java.util.Set<String> knownPodUids) {
        network.removeOrphans(knownPodUids);
    }

    private void stopPause(int pid, int pidfd) {
        kernel.signal(pidfd, Kernel.SIGKILL);
        kernel.waitExit(pidfd, false);
        kernel.close(pidfd);
    }

    /**
     * Tears the sandbox down: takes the pod off the network (DEL, while the netns pin still holds
     * the pod's interfaces), kills pause (if it is still the process we started), unmounts the
     * namespace pins and shm and removes them. Safe to call twice and after a daemon restart.
     */
    public void destroy(String podUid, SandboxHandle handle) {
        Undo cleanup = new Undo();
        Path nsDir = layout.nsPin(podUid, "net").getParent();
        Path shm = layout.shm(podUid);
        cleanup.push(() -> Dirs.deleteTree(nsDir));
        cleanup.push(() -> Dirs.deleteTree(shm));
        cleanup.push(() -> unmountAll(nsDir));
        cleanup.push(() -> unmountAll(shm));
        cleanup.push(() -> cgroups.removePod(podUid));
        if (handle != null && ProcStat.isSameProcess(handle.pausePid(), handle.pauseStartTime())) {
            cleanup.push(() -> killPause(handle.pausePid()));
        }
        cleanup.push(() -> network.tearDown(podUid));
        RuntimeException e = cleanup.runAll();
        if (e != null) {
            throw e;
        }
    }

    private void unmountAll(Path dir) {
        MountInfo.under(dir).forEach(m -> kernel.umount(m, Kernel.MNT_DETACH));
    }

    private void killPause(int pid) {
        int pidfd;
        try {
            pidfd = kernel.pidfdOpen(pid);
        } catch (RuntimeException gone) {
            return;
        }
        try {
            kernel.signal(pidfd, Kernel.SIGKILL);
            // Our child: reap it here. Adopted after a restart (not our child): wait until it is gone.
            if (kernel.waitExit(pidfd, false) == null) {
                kernel.poll(new int[] {pidfd}, 5000);
            }
        } finally {
            kernel.close(pidfd);
        }
    }
}
