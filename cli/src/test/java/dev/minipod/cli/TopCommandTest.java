package dev.minipod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minipod top pod} against a fake daemon: the metrics path, kubectl's columns and rounding, the errors. */
class TopCommandTest {
    @TempDir
    Path dir;
    private FakeDaemon daemon;
    private String out;
    private String err;

    static String q(String s) { return s.replace('\'', '"'); }

    static final String WEB = "{'kind':'PodMetrics','metadata':{'name':'web','namespace':'default'},'window':'1s','containers':["
            + "{'name':'app','usage':{'cpu':'1500001n','memory':'10240Ki'}},"
            + "{'name':'sidecar','usage':{'cpu':'0','memory':'3145727'}}]}";

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) daemon.close();
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--run-root";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.run(all, new PrintStream(o, true), new PrintStream(e, true), InputStream.nullInputStream());
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void podsInKubectlColumnsWithCpuRoundedUpAndMemoryInWholeMi() throws IOException {
        daemon = new FakeDaemon(dir, r -> FakeDaemon.json(200, q("{'kind':'PodMetricsList','items':[" + WEB + "]}")));
        assertThat(run("top", "pods")).isZero();
        assertThat(out).isEqualTo("NAME   CPU(cores)   MEMORY(bytes)   \nweb    2m           12Mi            \n");
        assertThat(daemon.requests.get(0).line()).isEqualTo("GET /apis/metrics.k8s.io/v1beta1/namespaces/default/pods");
    }

    @Test
    void containersOfOnePod() throws IOException {
        daemon = new FakeDaemon(dir, r -> FakeDaemon.json(200, q(WEB)));
        assertThat(run("top", "pod", "web", "--containers", "-n", "ns1")).isZero();
        assertThat(out).isEqualTo("POD   NAME      CPU(cores)   MEMORY(bytes)   \n"
                + "web   app       2m           10Mi            \n"
                + "web   sidecar   0m           2Mi             \n");
        assertThat(daemon.requests.get(0).line()).isEqualTo("GET /apis/metrics.k8s.io/v1beta1/namespaces/ns1/pods/web");
    }

    @Test
    void aPodWithoutMetricsAndAMissingPod() throws IOException {
        daemon = new FakeDaemon(dir, r -> r.target().startsWith("/apis/")
                ? FakeDaemon.status(404, "NotFound", "podmetrics.metrics.k8s.io \"default/idle\" not found")
                : r.target().endsWith("/idle") ? FakeDaemon.json(200, q("{'kind':'Pod','metadata':{'name':'idle','creationTimestamp':'2020-01-01T00:00:00Z'}}"))
                : FakeDaemon.status(404, "NotFound", "pods \"gone\" not found"));
        assertThat(run("top", "pod", "idle")).isEqualTo(1);
        assertThat(err).startsWith("error: Metrics not available for pod default/idle, age: ");
        assertThat(run("top", "pod", "gone")).isEqualTo(3);
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"gone\" not found\n");
    }

    @Test
    void emptyNamespaceAndBadArguments() throws IOException {
        daemon = new FakeDaemon(dir, r -> FakeDaemon.json(200, "{\"kind\":\"PodMetricsList\",\"items\":[]}"));
        assertThat(run("top", "pod")).isZero();
        assertThat(err).isEqualTo("No resources found in default namespace.\n");
        assertThat(run("top", "node")).isEqualTo(2);
        assertThat(run("top", "pod", "a", "b")).isEqualTo(2);
        assertThat(MetricsPrinter.quantity("1500m")).isEqualByComparingTo("1.5");
        assertThat(List.of(Main.VERBS)).contains("top");
    }
}
