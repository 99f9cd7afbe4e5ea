package dev.minipod.runtime.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.api.ApiServer;
import dev.minipod.runtime.cgroup.CgroupDriver;
import dev.minipod.runtime.cgroup.CgroupDrivers;
import dev.minipod.runtime.cgroup.Cgroups;
import dev.minipod.runtime.cgroup.CpuManager;
import dev.minipod.runtime.cgroup.CpuSet;
import dev.minipod.runtime.cgroup.KernelCgroupHost;
import dev.minipod.runtime.image.ImageStore;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.security.SecurityOptions;
import dev.minipod.runtime.security.SecurityPlanner;
import dev.minipod.runtime.linux.KernelLayerFs;
import dev.minipod.runtime.linux.LinuxKernel;
import dev.minipod.runtime.network.CniDriver;
import dev.minipod.runtime.network.DefaultNetwork;
import dev.minipod.runtime.network.NetworkCache;
import dev.minipod.runtime.network.PodNetwork;
import dev.minipod.runtime.network.ProcessPluginExec;
import dev.minipod.runtime.objects.ObjectStore;
import dev.minipod.runtime.objects.SecretTmpfs;
import dev.minipod.runtime.probe.ProbeEnv;
import dev.minipod.runtime.process.ContainerRunner;
import dev.minipod.runtime.process.ExitWatcher;
import dev.minipod.runtime.sandbox.Sandbox;
import dev.minipod.runtime.spec.PodJson;
import dev.minipod.runtime.state.Layout;
import dev.minipod.runtime.state.StateStore;
import dev.minipod.runtime.sync.Backoff;
import dev.minipod.runtime.status.EventLog;
import dev.minipod.runtime.status.PodChanges;
import dev.minipod.runtime.sync.Node;
import dev.minipod.runtime.volume.HostResources;
import dev.minipod.runtime.volume.VolumeManager;
import dev.minipod.runtime.validate.InvalidPodException;

/**
 * The node agent: one JVM owning the pod workers, the image store and the API. Stopping it leaves
 * every pod running; a new daemon on the same roots re-adopts them.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ExitWatcher watcher;
    private final ProbeEnv probes;
    private final PodManager pods;
    private final ApiServer api;
    private final SecretTmpfs secrets;
    private final ObjectStore objects;
    private final ClaimProtection claimProtection;

    private Daemon(DaemonOptions o) throws Exception {
        Layout layout = o.layout();
        for (Path p : List.of(layout.root(), layout.runRoot(), layout.logRoot())) {
            Files.createDirectories(p);
        }
        lockChannel = FileChannel.open(layout.runRoot().resolve("daemon.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw MinipodException.failure("AlreadyRunning", "another minipod daemon serves `" + layout.runRoot() + "`");
        }
        Kernel kernel = LinuxKernel.load(o.libexec());
        watcher = new ExitWatcher(kernel);
        Cgroups cgroups = cgroups(o, kernel);
        ContainerRunner runner = new ContainerRunner(kernel, layout, o.libexec(), cgroups);
        probes = ProbeEnv.create(kernel, runner.execRunner(), 8);
        secrets = new SecretTmpfs(kernel, layout.secretsDir());
        objects = new ObjectStore(layout, Clock.systemUTC(), secrets::ensureMounted);
        // volatile like the netns, veths and iptables rules it describes (netavark keeps its IPAM under /run too)
        Path networkState = layout.runRoot().resolve("network");
        DefaultNetwork.ensure(o.network(), networkState.resolve("ipam"));
        PodNetwork network = new PodNetwork(o.network(), new CniDriver(o.network().pluginDirs(), new ProcessPluginExec(), o.network().timeout()),
                new NetworkCache(networkState.resolve("cache")));
        Node node = new Node(layout, new Sandbox(kernel, layout, o.libexec(), cgroups, network), runner,
                watcher, new StateStore(layout), new Backoff(o.backoffInitial(), o.backoffCap()), Clock.systemUTC(),
                o.nodeName(), HostInfo.hostIP(), new EventLog(Clock.systemUTC(), o.nodeName()), new PodChanges(), probes,
                objects, new VolumeManager(kernel, layout, Clock.systemUTC(), HostResources.allocatable()));
        ImageStore images = new ImageStore(layout.images(), new KernelLayerFs(kernel));
        DaemonOptions.Security sec = o.security();
        SecurityPlanner security = new SecurityPlanner(new SecurityOptions(sec.seccompProfileRoot(), sec.allowedUnsafeSysctls(),
                HostInfo.capabilityBounding(), HostInfo.appArmorEnabled(), HostInfo.seLinuxEnabled(), sec.seccompDefault()),
                rel -> Files.readString(sec.seccompProfileRoot().resolve(rel)));
        pods = new PodManager(node, images, cgroups, objects::podPresets, security);
        pods.recover();
        objects.protectClaims(pods::claimUsers);
        claimProtection = ClaimProtection.start(node.changes(), objects);
        api = new ApiServer(layout.socket(), pods, objects, PodJson.json(), Daemon::causes);
        api.start();
        LOG.info("event=daemon-started socket={}", layout.socket());
    }

    /** The cgroup driver for this host, the pod layout under the parent, and the CPU manager policy. */
    private static Cgroups cgroups(DaemonOptions o, Kernel kernel) {
        boolean staticCpus = o.cpuManagerPolicy().equals("static");
        CgroupDriver driver = CgroupDrivers.detect(Path.of("/sys/fs/cgroup"), new KernelCgroupHost(kernel), staticCpus);
        CpuManager cpus = CpuManager.none();
        if (staticCpus) {
            if (!driver.managesCpuset()) {
                throw MinipodException.invalid("daemon: the static CPU manager policy needs the cpuset controller, which this host's cgroup "
                        + driver.version() + " does not offer");
            }
            cpus = CpuManager.staticPolicy(CpuSet.parse(driver.allCpus()), CpuSet.parse(o.reservedCpus()),
                    o.layout().root().resolve("cpu_manager_state"));
        }
        LOG.info("event=cgroups driver={} parent={} cpu-manager-policy={}", driver.version(), o.cgroupParent(), o.cpuManagerPolicy());
        return new Cgroups(driver, o.cgroupParent(), o.podPidsLimit(), cpus);
    }

    /** Starts a daemon on these options (tests run several, each on private roots). */
    public static Daemon start(DaemonOptions options) {
        try {
            return new Daemon(options);
        } catch (MinipodException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("start daemon: " + e.getMessage(), e);
        }
    }

    public PodManager pods() { return pods; }

    public ObjectStore objects() { return objects; }

    private static List<Map<String, String>> causes(MinipodException e) {
        if (e instanceof InvalidPodException inv) {
            return inv.errors().stream()
                    .map(f -> Map.of("reason", f.type().reason(), "message", f.body(), "field", f.path()))
                    .toList();
        }
        return List.of();
    }

    /** Stops serving; pods keep running (like a kubelet restart). */
    @Override
    public void close() {
        try {
            api.close();
        } catch (Exception e) {
            LOG.warn("event=api-stop-failed error={}", e.getMessage());
        }
        claimProtection.close();
        watcher.close();
        probes.close();
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("event=lock-release-failed error={}", e.getMessage());
        }
    }

    /**
     * For tests and uninstall: stops serving and drops the Secrets' tmpfs (every Secret value with it),
     * so nothing stays mounted. A plain {@link #close} keeps it for the next daemon.
     */
    public void closeAndWipe() {
        close();
        secrets.wipe();
    }

    /** `minipod daemon`: runs in the foreground until killed. */
    public static void main(String[] args) throws InterruptedException {
        Daemon d = start(DaemonOptions.parse(args));
        Runtime.getRuntime().addShutdownHook(new Thread(d::close, "daemon-shutdown"));
        Thread.currentThread().join();
    }
}
