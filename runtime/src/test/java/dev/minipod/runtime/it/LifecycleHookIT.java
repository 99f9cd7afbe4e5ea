package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static dev.minipod.runtime.it.TestNode.phase;
import static dev.minipod.runtime.it.TestNode.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/** Mirrors test/e2e/common/node/lifecycle_hook.go with exec hooks. Needs root. */
@Tag("root")
class LifecycleHookIT {
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private List<String> reasons(String pod) {
        return node.pods().events(TestNode.NS, Map.of("involvedObject.name", pod)).getItems().stream()
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    @Test
    void shouldExecutePoststartExecHookProperly() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: poststart}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "while [ ! -f /tmp/hooked ]; do sleep 0.05; done; exec sleep 3600"]
                    lifecycle:
                      postStart:
                        exec:
                          command: ["sh", "-c", "echo from-post-start > /tmp/hooked"]
                """);
        node.await("poststart", allRunning());
        assertThat(node.exec("poststart", "app", "cat", "/tmp/hooked").stdout()).isEqualTo("from-post-start\n");
    }

    @Test
    void aFailedPoststartHookKillsTheContainerAfterItsPrestopHook() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: hookfail}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    lifecycle:
                      postStart:
                        exec:
                          command: ["sh", "-c", "exit 1"]
                      preStop:
                        exec:
                          command: ["sh", "-c", "echo prestop-ran > /proc/1/fd/1"]
                """);
        Pod p = node.await("hookfail", phase("Failed"));
        assertThat(status(p, "app").getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(reasons("hookfail")).contains("FailedPostStartHook: PostStartHook failed");
        assertThat(node.logs("hookfail", "app", false)).isEqualTo("prestop-ran\n");
    }

    @Test
    void aFailedPrestopHookIsReportedAndTheContainerStillStops() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: prestopfail}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    lifecycle:
                      preStop:
                        exec:
                          command: ["sh", "-c", "echo nope; exit 3"]
                """);
        Pod p = node.await("prestopfail", allRunning());
        String uid = p.getMetadata().getUid();
        node.delete("prestopfail", 1);
        assertThat(node.pods().events(TestNode.NS, Map.of("involvedObject.name", "prestopfail", "reason", "FailedPreStopHook"))
                .getItems()).extracting(Event::getMessage).containsExactly(
                "Exec lifecycle hook ([sh -c echo nope; exit 3]) for Container \"app\" in Pod \"prestopfail_default(" + uid
                        + ")\" failed - error: command 'sh -c echo nope; exit 3' exited with 3: nope\n, message: \"nope\n\"");
    }

    @Test
    void anHttpGetPoststartHookThatGetsNoAnswerFailsTheContainer() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: httphook}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    lifecycle:
                      postStart:
                        httpGet: {path: /hook, port: 9}
                """);
        Pod p = node.await("httphook", phase("Failed"));
        assertThat(status(p, "app").getState().getTerminated()).isNotNull();
        assertThat(reasons("httphook")).contains("FailedPostStartHook: PostStartHook failed");
    }

    @Test
    void shouldExecutePrestopHttpHookProperly() throws Exception {
        Pod p = node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: httpstop}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                    lifecycle:
                      preStop:
                        httpGet: {path: /prestop, port: 9090}
                """);
        node.await("httpstop", TestNode.allRunning());
        // the hook's receiver: a listener this test starts inside the pod's network namespace
        java.nio.file.Path pin = node.layout().nsPin(p.getMetadata().getUid(), "net");
        java.nio.file.Path got = node.dir().resolve("request.txt");
        Process listener = new ProcessBuilder("nsenter", "--net=" + pin, "/bin/busybox", "nc", "-l", "-p", "9090")
                .redirectOutput(got.toFile()).redirectErrorStream(true).start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                Process ss = new ProcessBuilder("nsenter", "--net=" + pin, "cat", "/proc/net/tcp", "/proc/net/tcp6").start();
                String tcp = new String(ss.getInputStream().readAllBytes());
                ss.waitFor();
                return java.util.regex.Pattern.compile(":2382 [0-9A-F]+:0000 0A").matcher(tcp).find(); // listening on 9090
            });
            node.delete("httpstop", 2);
            String request = java.nio.file.Files.readString(got);
            assertThat(request).startsWith("GET /prestop HTTP/1.1\r\n").contains("User-Agent: kube-lifecycle/1.35\r\n");
            assertThat(reasons("httpstop")).noneMatch(r -> r.startsWith("FailedPreStopHook"));
        } finally {
            listener.destroyForcibly().waitFor();
        }
    }
}
