package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static dev.minipod.runtime.it.TestNode.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

/** Mirrors test/e2e/common/node/container_probe.go with real probes and 1 s periods. Needs root. */
@Tag("root")
class ContainerProbeIT {
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private List<String> events(String pod) {
        return node.pods().events(TestNode.NS, Map.of("involvedObject.name", pod)).getItems().stream()
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    private static boolean ready(Pod p) {
        return p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    @Test
    void shouldBeRestartedWithAnExecCatTmpHealthLivenessProbe() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: liveness-exec}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "touch /tmp/health; sleep 2; rm -f /tmp/health; exec sleep 600"]
                    livenessProbe:
                      exec:
                        command: ["cat", "/tmp/health"]
                      periodSeconds: 1
                      failureThreshold: 1
                """);
        Pod p = node.await("liveness-exec", x -> status(x, "app").getRestartCount() >= 1, Duration.ofSeconds(40));
        assertThat(status(p, "app").getLastState().getTerminated()).isNotNull();
        assertThat(events("liveness-exec"))
                .anyMatch(e -> e.startsWith("Unhealthy: Liveness probe failed: cat: can't open '/tmp/health'"))
                .contains("Killing: Container app failed liveness probe, will be restarted");
    }

    @Test
    void readinessFollowsHttpAndTcpProbesWithoutRestarts() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: readiness}
                spec:
                  containers:
                  - name: web
                    image: busybox-web
                    livenessProbe:
                      httpGet: {path: /index.html, port: http}
                      periodSeconds: 1
                    readinessProbe:
                      tcpSocket: {port: 8080}
                      periodSeconds: 1
                    ports:
                    - {name: http, containerPort: 8080}
                  - name: never-ready
                    image: busybox
                    command: ["sleep", "600"]
                    readinessProbe:
                      httpGet: {path: /missing, port: 8080}
                      periodSeconds: 1
                """);
        node.await("readiness", allRunning());
        Pod p = node.await("readiness", x -> status(x, "web").getReady(), Duration.ofSeconds(20));
        assertThat(status(p, "never-ready").getReady()).isFalse();
        assertThat(ready(p)).as("Ready needs every container ready").isFalse();
        p = node.await("readiness", x -> events("readiness").stream().anyMatch(
                e -> e.equals("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404")), Duration.ofSeconds(20));
        assertThat(status(p, "web").getRestartCount()).isZero();
        assertThat(status(p, "never-ready").getRestartCount()).isZero();
        assertThat(p.getStatus().getConditions()).anyMatch(c -> c.getType().equals("ContainersReady")
                && c.getReason().equals("ContainersNotReady") && c.getMessage().equals("containers with unready status: [never-ready]"));
    }

    @Test
    void aStartupProbeHoldsReadinessUntilItSucceeds() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: startup}
                spec:
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "sleep 2; touch /tmp/started; exec sleep 600"]
                    startupProbe:
                      exec:
                        command: ["test", "-f", "/tmp/started"]
                      periodSeconds: 1
                      failureThreshold: 30
                    readinessProbe:
                      exec:
                        command: ["true"]
                      periodSeconds: 1
                """);
        Pod early = node.await("startup", allRunning());
        assertThat(status(early, "app").getStarted()).isFalse();
        assertThat(status(early, "app").getReady()).isFalse();
        Pod p = node.await("startup", x -> status(x, "app").getStarted() && status(x, "app").getReady(), Duration.ofSeconds(20));
        assertThat(ready(p)).isTrue();
        assertThat(status(p, "app").getRestartCount()).isZero();
    }
}
