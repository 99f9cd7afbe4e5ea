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
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code minipod describe} through {@link Main#run} against a fake daemon: the requests and the framing. */
class DescribeCommandTest {
    @TempDir
    Path dir;

    private FakeDaemon daemon;
    private String out;
    private String err;

    static String pod(String name) {
        return VerbsTest.q("{'metadata':{'name':'" + name + "','namespace':'default','uid':'u-" + name + "'},"
                + "'spec':{'containers':[{'name':'app','image':'busybox'}]},'status':{'phase':'Running'}}");
    }

    static final String EVENT = VerbsTest.q("{'type':'Normal','reason':'Started','message':'Started container app','count':1,"
            + "'firstTimestamp':'2020-01-01T00:00:00Z','lastTimestamp':'2020-01-01T00:00:00Z','source':{'component':'kubelet'},"
            + "'involvedObject':{'kind':'Pod','name':'web-1','namespace':'default','uid':'u-web-1'}}");

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
        int code = Main.run(all.toArray(new String[0]), new PrintStream(o, true), new PrintStream(e, true),
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

    /** web-1 and web-2 exist; events exist only for web-1 (and one about another pod that must be dropped). */
    private byte[] daemonWithEvents(FakeDaemon.Request r) {
        String t = r.target();
        if (t.contains("/events")) {
            String other = EVENT.replace("web-1", "zzz");
            return FakeDaemon.json(200, "{\"kind\":\"EventList\",\"items\":[" + (t.contains("web-1") ? EVENT + "," : "") + other + "]}");
        }
        if (t.endsWith("/pods")) return FakeDaemon.json(200, "{\"kind\":\"PodList\",\"items\":[" + pod("web-2") + "," + pod("web-1") + "]}");
        if (t.endsWith("/pods/web-1") || t.endsWith("/pods/web-2")) return FakeDaemon.json(200, pod(t.substring(t.lastIndexOf('/') + 1)));
        return FakeDaemon.status(404, "NotFound", "pods \"" + t.substring(t.lastIndexOf('/') + 1) + "\" not found");
    }

    @Test
    void describeOnePodFetchesItAndItsEvents() throws IOException {
        serve(this::daemonWithEvents);
        assertThat(run("describe", "pod/web-1")).isZero();
        assertThat(out).startsWith("Name:         web-1\nNamespace:    default\nNode:         <none>\n")
                .contains("Events:\n  Type    Reason   Age")
                .matches("(?s).*\n  Normal  Started  \\S+  kubelet  Started container app\n")
                .containsOnlyOnce("Started container app");
        assertThat(err).isEmpty();
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/web-1",
                "GET /api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb-1");
    }

    @Test
    void aDaemonWithoutTheEventsPathMeansNoEvents() throws IOException {
        serve(r -> r.target().contains("/events") ? FakeDaemon.response(404, "text/plain", "404 page not found".getBytes(StandardCharsets.UTF_8))
                : FakeDaemon.json(200, pod("demo")));
        assertThat(run("describe", "pod", "demo")).isZero();
        assertThat(out).endsWith("Tolerations:      <none>\nEvents:           <none>\n");
        assertThat(err).isEmpty();
    }

    @Test
    void describePodsDescribesEveryPodByNameSeparatedByTwoBlankLines() throws IOException {
        serve(this::daemonWithEvents);
        assertThat(run("describe", "pods")).isZero();
        assertThat(out).startsWith("Name:         web-1\n").contains("\n\n\nName:         web-2\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods",
                "GET /api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb-1",
                "GET /api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dweb-2");
    }

    @Test
    void anUnknownNameFallsBackToPrefixMatchingLikeKubectl() throws IOException {
        serve(this::daemonWithEvents);
        assertThat(run("describe", "pod", "web")).isZero();
        assertThat(out).startsWith("Name:         web-1\n").contains("\n\n\nName:         web-2\n");
        assertThat(run("describe", "pod", "nope")).isEqualTo(3);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    }

    @Test
    void missingPodsAreReportedAfterTheOnesFound() throws IOException {
        serve(this::daemonWithEvents);
        assertThat(run("describe", "pods", "web-1", "nope", "web-2")).isEqualTo(3);
        assertThat(out).startsWith("Name:         web-1\n").contains("\n\n\nName:         web-2\n");
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
    }

    @Test
    void emptyNamespace() throws IOException {
        serve(r -> FakeDaemon.json(200, "{\"kind\":\"PodList\",\"items\":[]}"));
        assertThat(run("describe", "po", "-n", "other")).isZero();
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("No resources found in other namespace.\n");
    }
}
