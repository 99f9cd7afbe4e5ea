package dev.minipod.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code minipod get pods -w} against a fake daemon: the watch stream, and the polling fallback. */
class GetWatchTest {
    @TempDir
    Path dir;

    private FakeDaemon daemon;
    private String out;
    private String err;

    /** Sleeps take no time; the n-th sleep interrupts, which ends a polling watch. */
    static final class StoppingClock implements PollClock {
        final int stopAt;
        int sleeps;

        StoppingClock(int stopAt) { this.stopAt = stopAt; }

        @Override
        public long nanoTime() { return 0; }

        @Override
        public void sleep(long millis) throws InterruptedException {
            assertThat(millis).isEqualTo(1000L);
            if (++sleeps >= stopAt) throw new InterruptedException();
        }
    }

    static String pod(String name, String rv, String phase, boolean deleting) {
        return VerbsTest.q("{'metadata':{'name':'" + name + "','resourceVersion':'" + rv + "'"
                + (deleting ? ",'deletionTimestamp':'2026-01-01T00:00:00Z'" : "") + "},"
                + "'spec':{'containers':[{'name':'app'}]},'status':{'phase':'" + phase + "'}}");
    }

    static String list(String... pods) { return "{\"kind\":\"PodList\",\"items\":[" + String.join(",", pods) + "]}"; }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) daemon.close();
    }

    private void serve(Function<FakeDaemon.Request, byte[]> h) throws IOException { daemon = new FakeDaemon(dir, h); }

    private int run(PollClock clock, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--run-root", dir.toString()));
        all.addAll(List.of(args));
        Main main = new Main(Map.of());
        main.clock = clock;
        int code = main.runWith(all.toArray(new String[0]), new PrintStream(o, true), new PrintStream(e, true),
                new ByteArrayInputStream(new byte[0]));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private List<String> lines() {
        List<String> l = new ArrayList<>();
        for (FakeDaemon.Request r : daemon.requests) l.add(r.line());
        return l;
    }

    private static byte[] line(String type, String pod) {
        return ("{\"type\":\"" + type + "\",\"object\":" + pod + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheTableThenARowPerWatchEvent() throws IOException {
        serve(r -> r.target().endsWith("?watch=true")
                ? FakeDaemon.chunked(200, "application/json",
                        line("ADDED", pod("demo", "1", "Pending", false)),
                        line("MODIFIED", pod("demo", "2", "Running", false)),
                        line("ADDED", pod("web-frontend", "3", "Pending", false)),
                        line("MODIFIED", pod("demo", "4", "Running", true)),
                        line("DELETED", pod("demo", "4", "Running", true)))
                : FakeDaemon.json(200, list(pod("demo", "1", "Pending", false))));
        assertThat(run(PollClock.SYSTEM, "get", "pods", "-w")).isZero();
        assertThat(out).isEqualTo(""
                + "NAME   READY   STATUS    RESTARTS   AGE\n"
                + "demo   0/1     Pending   0          <unknown>\n"
                + "demo   0/1     Running   0          <unknown>\n"
                + "web-frontend   0/1     Pending   0          <unknown>\n"
                + "demo           0/1     Terminating   0          <unknown>\n"
                + "demo           0/1     Terminating   0          <unknown>\n");
        assertThat(err).isEmpty();
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods", "GET /api/v1/namespaces/default/pods?watch=true");
    }

    @Test
    void aNamedPodWatchShowsOnlyThatPod() throws IOException {
        serve(r -> r.target().endsWith("?watch=true")
                ? FakeDaemon.chunked(200, "application/json",
                        line("ADDED", pod("other", "1", "Pending", false)),
                        line("MODIFIED", pod("demo", "2", "Running", false)))
                : FakeDaemon.json(200, pod("demo", "1", "Pending", false)));
        assertThat(run(PollClock.SYSTEM, "get", "pod", "demo", "--watch")).isZero();
        assertThat(out).isEqualTo("NAME   READY   STATUS    RESTARTS   AGE\ndemo   0/1     Pending   0          <unknown>\n"
                + "demo   0/1     Running   0          <unknown>\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/demo", "GET /api/v1/namespaces/default/pods?watch=true");
    }

    @Test
    void withoutAWatchEndpointItPollsTheListEverySecondAndPrintsOnlyChangedRows() throws IOException {
        AtomicInteger lists = new AtomicInteger();
        serve(r -> {
            if (r.target().endsWith("?watch=true")) return FakeDaemon.status(405, "MethodNotAllowed", "watch is not supported");
            switch (lists.incrementAndGet()) {
                case 1: case 2: return FakeDaemon.json(200, list(pod("demo", "1", "Pending", false)));
                case 3: return FakeDaemon.json(200, list(pod("demo", "2", "Running", false)));
                default: return FakeDaemon.json(200, list(pod("demo", "2", "Running", false), pod("web", "3", "Pending", false)));
            }
        });
        assertThat(run(new StoppingClock(5), "get", "pods", "-w")).isZero();
        assertThat(out).isEqualTo(""
                + "NAME   READY   STATUS    RESTARTS   AGE\n"
                + "demo   0/1     Pending   0          <unknown>\n"
                + "demo   0/1     Running   0          <unknown>\n"
                + "web    0/1     Pending   0          <unknown>\n");
        assertThat(err).isEmpty();
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods", "GET /api/v1/namespaces/default/pods?watch=true",
                "GET /api/v1/namespaces/default/pods", "GET /api/v1/namespaces/default/pods", "GET /api/v1/namespaces/default/pods",
                "GET /api/v1/namespaces/default/pods");
    }

    @Test
    void watchingAMissingPodIsNotFound() throws IOException {
        serve(r -> FakeDaemon.status(404, "NotFound", "pods \"x\" not found"));
        assertThat(run(PollClock.SYSTEM, "get", "pod", "x", "-w")).isEqualTo(3);
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"x\" not found\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/x");
    }

    @Test
    void nameOutputPrintsANameLinePerEvent() throws IOException {
        serve(r -> r.target().endsWith("?watch=true")
                ? FakeDaemon.chunked(200, "application/json", line("MODIFIED", pod("demo", "2", "Running", false)))
                : FakeDaemon.json(200, list(pod("demo", "1", "Pending", false))));
        assertThat(run(PollClock.SYSTEM, "get", "pods", "-w", "-o", "name")).isZero();
        assertThat(out).isEqualTo("pod/demo\npod/demo\n");
    }
}
