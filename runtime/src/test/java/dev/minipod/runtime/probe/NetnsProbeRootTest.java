package dev.minipod.runtime.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.LinuxKernel;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.process.ExecRunner;
import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.process.ProcStat;

/**
 * Real namespaces: pause is spawned with CLONE_NEWNET (loopback up), its netns is pinned by a bind
 * mount like Sandbox does, and a listener is opened INSIDE it through NetnsDialer on the same port
 * as a host listener. The probes must reach the pod's 127.0.0.1, not the host's.
 */
@Tag("root")
class NetnsProbeRootTest {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    Path tmp;

    private Kernel kernel;
    private Kernel.Child pause;
    private Path pin;
    private boolean mounted;

    @BeforeEach
    void setUp() throws IOException {
        String libexec = System.getProperty("minipod.libexec");
        assumeTrue(libexec != null && Files.isRegularFile(Path.of(libexec, "pause")), "needs -Dminipod.libexec (make build)");
        kernel = LinuxKernel.load(Path.of(libexec));
        pause = kernel.spawn(Path.of(libexec, "pause"), List.of("pause"), List.of(), new int[] {-1, -1, -1, -1},
                Kernel.CLONE_NEWNET, null);
        pin = tmp.resolve("net");
        Files.createFile(pin);
        kernel.mount("/proc/" + pause.pid() + "/ns/net", pin, null, Kernel.MS_BIND, null);
        mounted = true;
    }

    @AfterEach
    void tearDown() {
        if (kernel == null) return;
        if (mounted) kernel.umount(pin, Kernel.MNT_DETACH);
        if (pause != null) {
            kernel.signal(pause.pidfd(), Kernel.SIGKILL);
            kernel.waitExit(pause.pidfd(), false);
            kernel.close(pause.pidfd());
        }
    }

    /** Serves "hello from NAME" to every connection until closed (on a test thread, in the host netns). */
    private static Thread serve(ServerSocketChannel server, String name) {
        Thread t = new Thread(() -> {
            byte[] reply = ("HTTP/1.1 200 OK\r\nContent-Length: " + (11 + name.length()) + "\r\n\r\nhello from " + name)
                    .getBytes(StandardCharsets.ISO_8859_1);
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(4096);
                    while (c.read(in) > 0 && !new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) { }
                    c.write(ByteBuffer.wrap(reply));
                } catch (IOException e) {
                    // closed
                }
            }
        }, "test-server-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** fd → what it points to, to name a leak when there is one; the listing's own directory fds are left out. */
    private static java.util.Map<String, String> fds() throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            s.forEach(p -> {
                try {
                    String target = Files.readSymbolicLink(p).toString();
                    if (!target.equals("/proc/" + ProcessHandle.current().pid() + "/fd")) {
                        out.put(p.getFileName().toString(), target);
                    }
                } catch (IOException gone) {
                    // the fd list's own directory fd
                }
            });
        }
        return out;
    }

    private static long dialerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("minipod-netns-dialer")).count();
    }

    @Test
    void probesReachThePodLoopbackNotTheHost() throws Exception {
        String hostNetBefore = Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
        // Warm up class loading and jnr stubs so the fd count compares like with like.
        try (NetnsDialer warm = new NetnsDialer(kernel)) {
            warm.openSocket(pin).close();
        }
        java.util.Map<String, String> fdsBefore = fds();

        try (ServerSocketChannel host = ServerSocketChannel.open()) {
            host.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) host.getLocalAddress()).getPort();
            Thread hostServer = serve(host, "HOST");
            NetnsDialer dialer = new NetnsDialer(kernel);
            Thread podServer;
            int closedPort = HttpProbeTest.freePort();
            try (ServerSocketChannel pod = dialer.openServer(pin)) {
                pod.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));  // same port: no clash, other netns
                podServer = serve(pod, "pod");

                Duration timeout = Duration.ofSeconds(1);
                assertThat(new HttpProbe(dialer, pin, "HTTP", null, port, "/", null).run(timeout))
                        .isEqualTo(ProbeResult.success("hello from pod"));
                assertThat(new HttpProbe(dialer, null, "HTTP", null, port, "/", null).run(timeout))
                        .isEqualTo(ProbeResult.success("hello from HOST"));
                assertThat(new TcpProbe(dialer, pin, "127.0.0.1", port).run(timeout)).isEqualTo(ProbeResult.success(""));

                // A port open only on the host is refused inside the pod.
                try (ServerSocketChannel hostOnly = ServerSocketChannel.open()) {
                    hostOnly.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
                    assertThat(new TcpProbe(dialer, pin, "127.0.0.1", closedPort).run(timeout)).isEqualTo(ProbeResult.failure(
                            "dial tcp 127.0.0.1:" + closedPort + ": connect: connection refused"));
                    assertThat(new HttpProbe(dialer, pin, "HTTP", null, closedPort, "/healthz", null).run(timeout).output())
                            .isEqualTo("Get \"http://127.0.0.1:" + closedPort + "/healthz\": dial tcp 127.0.0.1:" + closedPort
                                    + ": connect: connection refused");
                }

                // Latency: many probes in a row, from a few threads at once.
                HttpProbe inPod = new HttpProbe(dialer, pin, "HTTP", null, port, "/", null);
                long[] ns = new long[400];
                for (int i = 0; i < ns.length; i++) {
                    long t0 = System.nanoTime();
                    assertThat(inPod.run(timeout).output()).isEqualTo("hello from pod");
                    ns[i] = System.nanoTime() - t0;
                }
                Arrays.sort(ns);
                long[] open = new long[400];
                for (int i = 0; i < open.length; i++) {
                    long t0 = System.nanoTime();
                    dialer.openSocket(pin).close();
                    open[i] = System.nanoTime() - t0;
                }
                Arrays.sort(open);
                System.out.printf("probe-latency http-in-pod p50=%dus p99=%dus max=%dus; dialer open p50=%dus p99=%dus%n",
                        ns[200] / 1000, ns[396] / 1000, ns[399] / 1000, open[200] / 1000, open[396] / 1000);
                Thread[] workers = new Thread[8];
                int[] bad = new int[1];
                for (int w = 0; w < workers.length; w++) {
                    workers[w] = new Thread(() -> {
                        for (int i = 0; i < 50; i++) {
                            boolean inPodNs = (i & 1) == 0;
                            ProbeResult r = new HttpProbe(dialer, inPodNs ? pin : null, "HTTP", null, port, "/", null).run(timeout);
                            if (!r.output().equals(inPodNs ? "hello from pod" : "hello from HOST")) {
                                synchronized (bad) { bad[0]++; }
                            }
                        }
                    });
                    workers[w].start();
                }
                for (Thread w : workers) w.join();
                assertThat(bad[0]).as("probes that reached the wrong namespace").isZero();
            } finally {
                dialer.close();
            }
            assertThat(dialer.threadAlive()).isFalse();
            host.close();
            hostServer.join(2000);
            podServer.join(2000);
        }
        assertThat(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString()).isEqualTo(hostNetBefore);
        assertThat(dialerThreads()).isZero();
        assertThat(fds()).isEqualTo(fdsBefore);
    }

    @Test
    void dialerReportsABadNetnsAndKeepsWorking() throws Exception {
        try (NetnsDialer dialer = new NetnsDialer(kernel)) {
            Path missing = tmp.resolve("nope");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dialer.openSocket(missing)))
                    .isInstanceOf(IOException.class).hasMessageContaining("setns `" + missing + "`").hasMessageContaining("ENOENT");
            Path notNs = Files.writeString(tmp.resolve("plain"), "x");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> dialer.openSocket(notNs)))
                    .isInstanceOf(IOException.class).hasMessageContaining("EINVAL");
            dialer.openSocket(pin).close();
        }
        assertThat(dialerThreads()).isZero();
    }

    @Test
    void execProbeRunsTimesOutAndKillsTheCommand() throws Exception {
        // The "container" is a plain sleep in the host namespaces: ExecRunner joins them all the same.
        Kernel.Child box = kernel.spawn(Path.of("/bin/sleep"), List.of("sleep", "60"), List.of(), new int[] {-1, -1, -1, -1}, 0, null);
        try {
            Instance inst = new Instance("c", "id", 0, box.pid(), ProcStat.startTime(box.pid()), box.pid(),
                    ProcStat.startTime(box.pid()), java.time.Instant.now());
            ContainerPlan plan = new ContainerPlan("c", false, "img", "sha256:x", List.of(), List.of("sleep"), List.of("PATH=" + PATH),
                    "/", "", PATH, List.of(), "", false, null, null, dev.minipod.runtime.plan.ContainerResources.NONE,
                    dev.minipod.runtime.security.SecurityPlan.defaults());
            ExecProbe.Target target = new ExecProbe.Target(plan, inst, Path.of("/"), List.of());
            ExecRunner runner = new ExecRunner(kernel, Path.of(System.getProperty("minipod.libexec")));
            new ExecProbe(runner, kernel, target, List.of("true")).run(Duration.ofSeconds(5));  // warm-up
            java.util.Map<String, String> fdsBefore = fds();

            assertThat(new ExecProbe(runner, kernel, target, List.of("sh", "-c", "echo out; echo err >&2")).run(Duration.ofSeconds(5)))
                    .satisfies(r -> assertThat(r.outcome()).isEqualTo(ProbeResult.Outcome.SUCCESS))
                    .satisfies(r -> assertThat(r.output()).contains("out\n").contains("err\n"));
            assertThat(new ExecProbe(runner, kernel, target, List.of("sh", "-c", "echo no; exit 3")).run(Duration.ofSeconds(5)))
                    .isEqualTo(ProbeResult.failure("no\n"));
            assertThat(new ExecProbe(runner, kernel, target, List.of("sh", "-c", "head -c 50000 /dev/zero | tr '\\0' y"))
                    .run(Duration.ofSeconds(5)).output()).hasSize(10 * 1024);

            long t0 = System.nanoTime();
            ProbeResult r = new ExecProbe(runner, kernel, target, List.of("sleep", "7.25")).run(Duration.ofMillis(400));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r).isEqualTo(ProbeResult.failure("command \"sleep 7.25\" timed out"));
            assertThat(ms).isBetween(350L, 2000L);
            Thread.sleep(100);
            assertThat(processesWithArg("7.25")).as("the timed-out command was killed").isZero();

            ExecProbe truth = new ExecProbe(runner, kernel, target, List.of("true"));
            long[] ns = new long[200];
            for (int i = 0; i < ns.length; i++) {
                long t1 = System.nanoTime();
                assertThat(truth.run(Duration.ofSeconds(2))).isEqualTo(ProbeResult.success(""));
                ns[i] = System.nanoTime() - t1;
            }
            Arrays.sort(ns);
            System.out.printf("probe-latency exec-true p50=%dus p99=%dus max=%dus; timeout-overshoot=%dms%n",
                    ns[100] / 1000, ns[198] / 1000, ns[199] / 1000, ms - 400);
            assertThat(fds()).isEqualTo(fdsBefore);
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("probe-exec-timeout"))).isEmpty();
        } finally {
            kernel.signal(box.pidfd(), Kernel.SIGKILL);
            kernel.waitExit(box.pidfd(), false);
            kernel.close(box.pidfd());
        }
    }

    private static long processesWithArg(String arg) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            return s.filter(p -> p.getFileName().toString().matches("\\d+")).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(arg);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
