package dev.minipod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.cli.LauncherHarness.Run;

/**
 * The user's path end to end: the real `bin/minipod` launcher against a real daemon on private
 * roots, running the demo pod. Needs root and a build (make test passes -Dminipod.launcher).
 */
@Tag("root")
class CliEndToEndIT {
    private LauncherHarness h;
    private Path dir;
    private String launcher;

    private Run minipod(String... args) throws Exception { return h.minipod(args); }

    @BeforeEach
    void startDaemon() throws Exception {
        h = LauncherHarness.start("minipod-it-cli-");
        dir = h.dir;
        launcher = h.launcher();
    }

    @AfterEach
    void stopDaemon() throws Exception {
        if (h != null) h.stop();
    }

    private Path write(String name, String yaml) throws IOException { return h.write(name, yaml); }

    @Test
    void portForwardCarriesConnectionsToThePodsLoopback() throws Exception {
        assertThat(minipod("import", System.getProperty("minipod.images") + "/busybox", "busybox:latest").code()).isZero();
        Path pod = write("local.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: local}
                spec:
                  containers:
                  - name: web
                    image: busybox
                    command: [httpd, -f, -p, "127.0.0.1:8080", -h, /etc]
                """);
        assertThat(minipod("apply", "-f", pod.toString()).code()).isZero();
        assertThat(minipod("wait", "--for=condition=Ready", "pod/local", "--timeout=60s").code()).isZero();
        assertThat(minipod("port-forward", "pod/local", "99999").err()).contains("error parsing port `99999`");

        ProcessBuilder pb = new ProcessBuilder(launcher, "port-forward", "pod/local", ":8080");
        pb.environment().put("MINIPOD_RUN_ROOT", dir.resolve("run").toString());
        pb.redirectOutput(dir.resolve("pf.out").toFile()).redirectError(dir.resolve("pf.err").toFile());
        Process pf = pb.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            String first = "";
            while (!first.contains(" -> 8080") && System.nanoTime() < deadline && pf.isAlive()) {
                Thread.sleep(50);
                first = Files.readString(dir.resolve("pf.out"));
            }
            assertThat(first).as(Files.readString(dir.resolve("pf.err"))).matches("Forwarding from 127\\.0\\.0\\.1:\\d+ -> 8080\n");
            int local = Integer.parseInt(first.substring("Forwarding from 127.0.0.1:".length(), first.indexOf(" ->")));
            for (int i = 0; i < 2; i++) { // two connections, one after the other
                String answer;
                do {
                    answer = get(local, "/hostname");
                } while (!answer.contains("200 OK") && System.nanoTime() < deadline);
                assertThat(answer).contains("200 OK").endsWith("\nlocal\n");
            }
            assertThat(Files.readString(dir.resolve("pf.out"))).contains("Handling connection for " + local);
        } finally {
            pf.destroy();
            pf.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String get(int port, String path) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void demoPodThroughTheRealCli() throws Exception {
        String images = System.getProperty("minipod.images");
        assertThat(minipod("import", images + "/busybox", "busybox:latest").code()).isZero();
        Path demo = Path.of(launcher).getParent().resolve("../rootfs-samples/pods/demo.yaml").normalize();

        Run applied = minipod("apply", "-f", demo.toString());
        assertThat(applied.out()).isEqualTo("pod/demo created\n");
        Run waited = minipod("wait", "--for=condition=Ready", "pod/demo", "--timeout=60s");
        assertThat(waited.code()).isZero();
        assertThat(waited.out()).isEqualTo("pod/demo condition met\n");
        assertThat(minipod("apply", "-f", demo.toString()).out()).isEqualTo("pod/demo unchanged\n");
        Path relabeled = write("demo-relabeled.yaml", Files.readString(demo).replace("    app: demo\n", "    app: demo\n    tier: web\n"));
        Run configured = minipod("apply", "-f", relabeled.toString());
        assertThat(configured.out()).as(configured.err()).isEqualTo("pod/demo configured\n");
        assertThat(minipod("get", "pod", "demo", "-o", "json").out()).contains("\"tier\": \"web\"");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Run got;
        do {
            got = minipod("get", "pods");
        } while (!got.out().contains("2/2     Running") && System.nanoTime() < deadline);
        Run described = minipod("describe", "pod", "demo");
        assertThat(described.out()).contains("Name:", "demo").contains("Started container writer")
                .contains("Successfully assigned default/demo");
        assertThat(got.out()).startsWith("NAME   READY   STATUS    RESTARTS   AGE\ndemo   2/2     Running   0");

        Run page;
        do {
            page = minipod("exec", "demo", "-c", "writer", "--", "wget", "-qO-", "http://127.0.0.1:8080/");
        } while (!page.out().contains("written by writer") && System.nanoTime() < deadline);
        assertThat(page.out()).contains("written by writer");
        assertThat(minipod("logs", "demo", "-c", "web").out()).contains("response:200");
        Run badContainer = minipod("logs", "demo", "-c", "nosuch");
        assertThat(badContainer.code()).isEqualTo(2);
        assertThat(badContainer.err()).contains("container nosuch is not valid for pod demo");

        Run exit7 = minipod("exec", "demo", "-c", "writer", "--", "sh", "-c", "exit 7");
        assertThat(exit7.code()).isEqualTo(7);

        Run deleted = minipod("delete", "pod", "demo", "--grace-period=1");
        assertThat(deleted.code()).isZero();
        Run gone = minipod("get", "pod", "demo");
        assertThat(gone.code()).isEqualTo(3);
        assertThat(gone.err()).contains("Error from server (NotFound): pods \"demo\" not found");
        assertThat(minipod("delete", "pod", "demo", "--ignore-not-found").code()).isZero();
    }

    @Test
    void badInputGetsKubernetesErrorsAndExitCodes() throws Exception {
        Run invalid = minipod("apply", "-f", write("bad.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: bad}
                spec:
                  containers:
                  - {name: a}
                """).toString());
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("spec.containers[0].image: Required value");

        Run unknown = minipod("apply", "-f", write("noimage.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: noimage}
                spec:
                  containers:
                  - {name: a, image: "nosuch:2"}
                """).toString());
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err()).contains("nosuch:2");

        Run missing = minipod("apply", "-f", dir.resolve("missing.yaml").toString());
        assertThat(missing.code()).isEqualTo(3);
        assertThat(minipod("get", "pods").err()).contains("No resources found in default namespace.");
    }
}
