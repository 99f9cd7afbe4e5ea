package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.minipod.runtime.daemon.DaemonOptions;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.state.Dirs;

/**
 * kill -9 of the daemon must not stop any pod: a new daemon re-adopts the running containers
 * (same container, no restart counted) and reports the true exit code of a container that exited
 * while no daemon was running. The daemon runs as a separate process here so it can be SIGKILLed.
 */
@Tag("root")
class DaemonRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PODS = "/api/v1/namespaces/default/pods";

    private final List<Process> daemons = new ArrayList<>();
    private Path dir;

    private Process startDaemon(DaemonOptions o) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.minipod.runtime.daemon.Daemon",
                "--root", o.layout().root().toString(),
                "--run-root", o.layout().runRoot().toString(),
                "--log-root", o.layout().logRoot().toString(),
                "--libexec", o.libexec().toString(),
                "--cgroup-parent", o.cgroupParent()));
        cmd.addAll(TestNetwork.of(dir).flags());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon-" + daemons.size() + ".log").toFile()).start();
        daemons.add(p);
        Path socket = o.layout().socket();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return UnixHttp.call(socket, "GET", "/api", null).code() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        return p;
    }

    @AfterEach
    void cleanup() throws Exception {
        Path socket = dir == null ? null : TestNode.options(dir).layout().socket();
        if (socket != null && !daemons.isEmpty() && daemons.get(daemons.size() - 1).isAlive()) {
            // a failed assertion must not leave the pod running: delete it through the live daemon
            UnixHttp.call(socket, "DELETE", PODS + "/survivor?gracePeriodSeconds=0", null);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> UnixHttp.call(socket, "GET", PODS + "/survivor", null).code() == 404);
        }
        for (Process p : daemons) {
            p.destroyForcibly().waitFor();
        }
        if (dir != null) {
            assertThat(MountInfo.under(dir)).isEmpty();
            TestNode.assertNoCgroups("minipod-it-" + dir.getFileName());
            try {
                TestNetwork.of(dir).assertClean();
            } finally {
                TestNetwork.of(dir).close();
            }
            Dirs.deleteTree(dir);
        }
    }

    private static JsonNode container(JsonNode pod, String name) {
        for (JsonNode s : pod.path("status").path("containerStatuses")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no status for container " + name + " in " + pod);
    }

    @Test
    void killedDaemonLeavesPodsRunningAndANewOneReadoptsThem() throws Exception {
        dir = Files.createTempDirectory("minipod-it-restart-");
        DaemonOptions o = TestNode.options(dir);
        Path socket = o.layout().socket();
        Process first = startDaemon(o);
        assertThat(UnixHttp.call(socket, "POST", "/minipod/v1/images/import",
                "{\"path\":\"" + TestNode.images().resolve("busybox") + "\",\"name\":\"busybox:latest\"}").code()).isEqualTo(201);
        String pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"survivor"},"spec":{"restartPolicy":"Never","containers":[
                  {"name":"steady","image":"busybox","command":["sleep","3600"]},
                  {"name":"short","image":"busybox","command":["sh","-c","sleep 2; exit 5"]}]}}""";
        assertThat(UnixHttp.call(socket, "POST", PODS, pod).code()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                container(get(socket), "steady").path("state").has("running")
                        && container(get(socket), "short").path("state").has("running"));
        JsonNode before = get(socket);
        String steadyId = container(before, "steady").path("containerID").asText();

        first.destroyForcibly().waitFor(); // SIGKILL
        Thread.sleep(3000); // "short" exits while no daemon runs

        startDaemon(o);
        JsonNode after = get(socket);
        // the pod keeps its address: the new daemon reads it back, no second CNI ADD
        assertThat(after.path("status").path("podIP").asText()).startsWith(TestNetwork.of(dir).prefix())
                .isEqualTo(before.path("status").path("podIP").asText());
        assertThat(Files.readString(dir.resolve("daemon-1.log"))).doesNotContain("event=network-added");
        JsonNode steady = container(after, "steady");
        assertThat(steady.path("containerID").asText()).isEqualTo(steadyId);
        assertThat(steady.path("restartCount").asInt()).isZero();
        assertThat(steady.path("state").has("running")).isTrue();
        JsonNode shortLived = container(after, "short");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                container(get(socket), "short").path("state").has("terminated"));
        shortLived = container(get(socket), "short");
        assertThat(shortLived.path("state").path("terminated").path("exitCode").asInt()).isEqualTo(5);
        assertThat(shortLived.path("restartCount").asInt()).isZero();

        assertThat(UnixHttp.call(socket, "DELETE", PODS + "/survivor?gracePeriodSeconds=0", null).code()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> UnixHttp.call(socket, "GET", PODS + "/survivor", null).code() == 404);
    }

    @Test
    void aNewDaemonSetsUpAnAdoptedPodsVolumesAgainWithoutHidingTheirData() throws Exception {
        dir = Files.createTempDirectory("minipod-it-restart-");
        DaemonOptions o = TestNode.options(dir);
        Path socket = o.layout().socket();
        Process first = startDaemon(o);
        assertThat(UnixHttp.call(socket, "POST", "/minipod/v1/images/import",
                "{\"path\":\"" + TestNode.images().resolve("busybox") + "\",\"name\":\"busybox:latest\"}").code()).isEqualTo(201);
        String pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"survivor","labels":{"a":"b"}},"spec":{"containers":[
                  {"name":"c","image":"busybox","command":["sh","-c","echo kept > /m/f; sleep 3600"],
                   "volumeMounts":[{"name":"m","mountPath":"/m"},{"name":"meta","mountPath":"/meta"}]}],
                 "volumes":[{"name":"m","emptyDir":{"medium":"Memory","sizeLimit":"4Mi"}},
                   {"name":"meta","downwardAPI":{"items":[{"path":"labels","fieldRef":{"fieldPath":"metadata.labels"}}]}}]}}""";
        assertThat(UnixHttp.call(socket, "POST", PODS, pod).code()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> container(get(socket), "c").path("state").has("running"));
        String uid = get(socket).path("metadata").path("uid").asText();
        Path memory = o.layout().emptyDir(uid, "m");
        Path meta = o.layout().projectedVolume(uid, "kubernetes.io~downward-api", "meta");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(memory.resolve("f")));
        Path data = Files.readSymbolicLink(meta.resolve("..data"));

        first.destroyForcibly().waitFor(); // SIGKILL
        startDaemon(o);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> container(get(socket), "c").path("state").has("running"));
        assertThat(Files.readString(memory.resolve("f"))).as("the tmpfs is not mounted over again").isEqualTo("kept\n");
        assertThat(MountInfo.mountPoints().stream().filter(memory::equals)).hasSize(1);
        assertThat(Files.readSymbolicLink(meta.resolve("..data"))).as("unchanged files are not rewritten").isEqualTo(data);
        assertThat(container(get(socket), "c").path("restartCount").asInt()).isZero();
    }

    private static JsonNode get(Path socket) throws IOException {
        UnixHttp.Response r = UnixHttp.call(socket, "GET", PODS + "/survivor", null);
        assertThat(r.code()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
