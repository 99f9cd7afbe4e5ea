package dev.minipod.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code minipod wait} through {@link Main} against a fake daemon, with a fake clock: no real sleeping. */
class WaitCommandTest {
    @TempDir
    Path dir;

    private FakeDaemon daemon;
    private String out;
    private String err;
    private final FakeClock clock = new FakeClock();

    static final class FakeClock implements PollClock {
        long nanos;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() { return nanos; }

        @Override
        public void sleep(long millis) {
            sleeps.add(millis);
            nanos += millis * 1_000_000L;
        }
    }

    static String pod(String name, String ready) {
        return VerbsTest.q("{'metadata':{'name':'" + name + "','namespace':'default','uid':'u-" + name + "'},"
                + "'status':{'phase':'Running','conditions':[{'type':'Ready','status':'" + ready + "'}]}}");
    }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) daemon.close();
    }

    private void serve(Function<FakeDaemon.Request, byte[]> h) throws IOException { daemon = new FakeDaemon(dir, h); }

    private int run(String... args) {
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

    @Test
    void conditionMetAfterAFewPolls() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        serve(r -> FakeDaemon.json(200, pod("demo", calls.incrementAndGet() >= 3 ? "True" : "False")));
        assertThat(run("wait", "--for=condition=Ready", "pod/demo")).isZero();
        assertThat(out).isEqualTo("pod/demo condition met\n");
        assertThat(err).isEmpty();
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/demo", "GET /api/v1/namespaces/default/pods/demo",
                "GET /api/v1/namespaces/default/pods/demo");
        assertThat(clock.sleeps).containsExactly(100L, 100L);
    }

    @Test
    void severalPodsShareOneDeadlineAndStopAtTheFirstTimeout() throws IOException {
        serve(r -> FakeDaemon.json(200, pod(r.target().endsWith("/a") ? "a" : "b", r.target().endsWith("/a") ? "True" : "False")));
        assertThat(run("wait", "--for", "condition=Ready", "pods", "a", "b", "c", "--timeout=1s", "-n", "default")).isEqualTo(1);
        assertThat(out).isEqualTo("pod/a condition met\n");
        assertThat(err).isEqualTo("error: timed out waiting for the condition on pods/b\n");
        assertThat(lines()).doesNotContain("GET /api/v1/namespaces/default/pods/c");
        assertThat(clock.nanos).isEqualTo(1_000_000_000L);
    }

    @Test
    void defaultTimeoutIs30Seconds() throws IOException {
        serve(r -> FakeDaemon.json(200, pod("demo", "False")));
        assertThat(run("wait", "--for=condition=Ready", "pod/demo")).isEqualTo(1);
        assertThat(err).isEqualTo("error: timed out waiting for the condition on pods/demo\n");
        assertThat(clock.nanos).isEqualTo(30_000_000_000L);
        assertThat(daemon.requests).hasSize(301);
    }

    @Test
    void zeroTimeoutChecksOnce() throws IOException {
        serve(r -> FakeDaemon.json(200, pod("demo", "False")));
        assertThat(run("wait", "--for=condition=Ready=false", "pod/demo", "--timeout=0")).isZero();
        assertThat(out).isEqualTo("pod/demo condition met\n");
        assertThat(run("wait", "--for=condition=Ready", "pod/demo", "--timeout=0")).isEqualTo(1);
        assertThat(err).isEqualTo("error: condition not met for pods/demo\n");
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void jsonpathWait() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        serve(r -> FakeDaemon.json(200, calls.incrementAndGet() == 1
                ? VerbsTest.q("{'metadata':{'name':'demo'},'status':{'phase':'Pending'}}")
                : VerbsTest.q("{'metadata':{'name':'demo'},'status':{'phase':'Running'}}")));
        assertThat(run("wait", "--for=jsonpath={.status.phase}=Running", "pod/demo")).isZero();
        assertThat(out).isEqualTo("pod/demo condition met\n");
    }

    @Test
    void aMissingPodIsTheServersNotFoundWithMinipodsExitCode() throws IOException {
        serve(r -> FakeDaemon.status(404, "NotFound", "pods \"x\" not found"));
        assertThat(run("wait", "--for=condition=Ready", "pod/x")).isEqualTo(3);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"x\" not found\n");
    }

    @Test
    void forDeletePrintsDeletedOnceThePodIsGoneAndSkipsOneThatNeverWas() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        serve(r -> r.target().endsWith("/gone") || calls.incrementAndGet() > 2
                ? FakeDaemon.status(404, "NotFound", "pods \"x\" not found")
                : FakeDaemon.json(200, pod("demo", "True")));
        assertThat(run("wait", "--for=delete", "pod/gone", "pod/demo", "--timeout=60s")).isZero();
        assertThat(out).isEqualTo("pod/demo deleted\n");
        assertThat(err).isEmpty();
        assertThat(clock.sleeps).containsExactly(100L, 100L);
    }

    @Test
    void forDeleteTimesOut() throws IOException {
        serve(r -> FakeDaemon.json(200, pod("demo", "True")));
        assertThat(run("wait", "--for=delete", "pod/demo", "--timeout=250ms")).isEqualTo(1);
        assertThat(err).isEqualTo("error: timed out waiting for the condition on pods/demo\n");
        assertThat(clock.sleeps).containsExactly(100L, 100L, 50L);
    }

    @Test
    void podsFromAManifest() throws IOException {
        serve(r -> FakeDaemon.json(200, pod("a", "True")));
        Path file = dir.resolve("pods.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: prod\nspec:\n  containers: []\n");
        assertThat(run("wait", "--for=condition=Ready", "-f", file.toString())).isZero();
        assertThat(out).isEqualTo("pod/a condition met\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/prod/pods/a");
    }

    @Test
    void badInvocations() throws IOException {
        serve(r -> FakeDaemon.json(200, pod("a", "True")));
        assertThat(run("wait", "pod/a")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unrecognized condition: \"\"\n");
        assertThat(run("wait", "--for=condition=Ready", "pod/a", "--timeout=5")).isEqualTo(2);
        assertThat(err).startsWith("error: invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"\n");
        assertThat(run("wait", "--for=condition=Ready")).isEqualTo(2);
        assertThat(err).isEqualTo("error: You must provide one or more resources by argument or filename.\n");
        assertThat(run("wait", "--for=condition=Ready", "pods")).isEqualTo(2);
        assertThat(err).isEqualTo("error: resource(s) were provided, but no name was specified\n");
        assertThat(run("wait", "--for=condition=Ready", "deploy/x")).isEqualTo(1);
        assertThat(err).isEqualTo("error: the server doesn't have a resource type \"deploy\"\n");
        assertThat(daemon.requests).isEmpty();
    }
}
