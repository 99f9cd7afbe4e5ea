package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.minipod.runtime.daemon.Daemon;
import dev.minipod.runtime.daemon.DaemonOptions;
import dev.minipod.runtime.daemon.PodManager;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.process.ProcStat;
import dev.minipod.runtime.state.StateStore;
import dev.minipod.runtime.state.Dirs;
import dev.minipod.runtime.state.Layout;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * A real node for root integration tests: a daemon in this JVM on private temp roots, the sample
 * images imported, and a leak check on close (no mounts, processes or files left behind).
 */
public final class TestNode implements AutoCloseable {
    public static final String NS = "default";

    private final Path dir;
    private final Layout layout;
    private final Daemon daemon;
    private final List<long[]> seen = new ArrayList<>();

    private TestNode(Path dir, Daemon daemon, Layout layout) {
        this.dir = dir;
        this.daemon = daemon;
        this.layout = layout;
    }

    public static Path libexec() {
        return Path.of(System.getProperty("minipod.libexec", "../build/libexec")).toAbsolutePath();
    }

    public static Path images() {
        return Path.of(System.getProperty("minipod.images", "../rootfs-samples/build/images")).toAbsolutePath();
    }

    /** Daemon options on private roots under dir, with short back-off so restart tests run fast. */
    public static DaemonOptions options(Path dir) {
        return new DaemonOptions(new Layout(dir.resolve("root"), dir.resolve("run"), dir.resolve("log")),
                libexec(), Duration.ofMillis(300), Duration.ofSeconds(2), "testnode", "minipod-it-" + dir.getFileName())
                .withNetwork(TestNetwork.of(dir).options());
    }

    public static TestNode start() throws IOException {
        return start(o -> o);
    }

    /** A node whose daemon options the test adjusts (resource policies...). */
    public static TestNode start(java.util.function.UnaryOperator<DaemonOptions> adjust) throws IOException {
        Path dir = Files.createTempDirectory("minipod-it-");
        DaemonOptions o = adjust.apply(options(dir));
        Daemon d = Daemon.start(o);
        TestNode node = new TestNode(dir, d, o.layout());
        node.pods().importImage(images().resolve("busybox").toString(), "busybox:latest");
        node.pods().importImage(images().resolve("busybox-web").toString(), "busybox-web:latest");
        return node;
    }

    public PodManager pods() { return daemon.pods(); }

    public Layout layout() { return layout; }

    public dev.minipod.runtime.objects.ObjectStore objects() { return daemon.objects(); }

    public Path dir() { return dir; }

    public Pod create(String yaml) {
        Pod p = pods().create(NS, yaml.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    public Pod get(String name) { return pods().get(NS, name); }

    public Pod await(String name, Predicate<Pod> condition) {
        return await(name, condition, Duration.ofSeconds(30));
    }

    public Pod await(String name, Predicate<Pod> condition, Duration timeout) {
        org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> condition.test(get(name)));
        Pod p = get(name);
        rememberPids(p);
        return p;
    }

    public static Predicate<Pod> phase(String phase) {
        return p -> p.getStatus() != null && phase.equals(p.getStatus().getPhase());
    }

    public static Predicate<Pod> allRunning() {
        return p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().stream().allMatch(s -> s.getState().getRunning() != null);
    }

    public static ContainerStatus status(Pod p, String container) {
        return Stream.concat(
                        p.getStatus().getInitContainerStatuses() == null ? Stream.empty() : p.getStatus().getInitContainerStatuses().stream(),
                        p.getStatus().getContainerStatuses().stream())
                .filter(s -> s.getName().equals(container)).findFirst().orElseThrow();
    }

    /** Output and exit code of a command run inside a container. */
    public record ExecResult(int exitCode, String stdout, String stderr) {}

    public ExecResult exec(String pod, String container, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = pods().exec(NS, pod, container, List.of(command), new dev.minipod.runtime.api.PodService.ExecSink() {
            public void stdout(byte[] b, int n) { out.write(b, 0, n); }

            public void stderr(byte[] b, int n) { err.write(b, 0, n); }
        });
        return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public String logs(String pod, String container, boolean previous) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pods().logs(NS, pod, container, previous).copyTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    public void delete(String name, long grace) {
        rememberPids(get(name));
        pods().deleteAndWait(NS, name, grace);
    }

    /** The pod's pause process (from the daemon's runtime state). */
    public int pausePid(String name) {
        String uid = get(name).getMetadata().getUid();
        return new StateStore(layout).loadRuntime(uid).orElseThrow().sandbox().pausePid();
    }

    /** Remembers the pod's processes (pid + start time) so the leak check can prove they are gone. */
    private void rememberPids(Pod p) {
        new StateStore(layout).loadRuntime(p.getMetadata().getUid()).ifPresent(state -> {
            if (state.sandbox() != null) {
                seen.add(new long[] {state.sandbox().pausePid(), state.sandbox().pauseStartTime()});
            }
            for (Instance i : state.instances()) {
                seen.add(new long[] {i.monitorPid(), i.monitorStartTime()});
                seen.add(new long[] {i.containerPid(), i.containerStartTime()});
            }
        });
    }

    /** Deletes what is left, stops the daemon, and asserts nothing leaked. */
    @Override
    public void close() {
        try {
            for (Pod p : pods().list(NS).getItems()) {
                delete(p.getMetadata().getName(), 0);
            }
        } finally {
            daemon.closeAndWipe();
        }
        try {
            assertNoLeaks();
        } finally {
            TestNetwork.of(dir).close();
        }
        Dirs.deleteTree(dir);
    }

    public void assertNoLeaks() {
        assertThat(MountInfo.under(dir)).as("mounts left under %s (the Secrets' tmpfs included)", dir).isEmpty();
        assertThat(seen.stream().filter(p -> ProcStat.isSameProcess((int) p[0], p[1]) && !ProcStat.isGone((int) p[0]))
                .map(p -> p[0]).toList())
                .as("processes left running").isEmpty();
        assertThat(list(layout.podsDir())).as("pod state left").isEmpty();
        assertThat(list(layout.runRoot().resolve("pods"))).as("pod run dirs left").isEmpty();
        assertThat(list(layout.logRoot().resolve("pods"))).as("pod logs left").isEmpty();
        assertNoCgroups("minipod-it-" + dir.getFileName());
        TestNetwork.of(dir).assertClean();
        assertThat(list(dir.resolve("run").resolve("network").resolve("cache"))).as("network cache entries left").isEmpty();
        assertThat(layout.root().resolve("cpu_manager_state")).as("exclusive CPU assignments left").doesNotExist();
    }

    public TestNetwork network() { return TestNetwork.of(dir); }

    /** No cgroup of this test's parent is left in any hierarchy (every v1 controller, and v2 or the hybrid unified mount). */
    public static void assertNoCgroups(String parent) {
        List<Path> left = list(Path.of("/sys/fs/cgroup")).stream()
                .map(h -> h.resolve(parent)).filter(Files::exists).toList();
        assertThat(left).as("cgroups left").isEmpty();
    }

    private static List<Path> list(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
