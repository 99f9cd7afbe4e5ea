package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static dev.minipod.runtime.it.TestNode.phase;
import static dev.minipod.runtime.it.TestNode.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

/** Real pods from the sample images, asserted from inside the containers. Needs root. */
@Tag("root")
class PodLifecycleIT {
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String pod(String name, String spec) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n" + spec;
    }

    @Test
    void containersShareLocalhostHostnameAndEmptyDir() {
        node.create(pod("web", """
                  volumes:
                  - name: shared
                    emptyDir: {}
                  containers:
                  - name: writer
                    image: busybox
                    command: ["sh", "-c", "echo hello-from-writer > /data/index.html; exec sleep 3600"]
                    volumeMounts: [{name: shared, mountPath: /data}]
                  - name: server
                    image: busybox
                    command: ["httpd", "-f", "-p", "8080", "-h", "/data"]
                    volumeMounts: [{name: shared, mountPath: /data, readOnly: true}]
                """));
        node.await("web", allRunning());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                node.exec("web", "writer", "wget", "-qO-", "http://127.0.0.1:8080/").stdout().contains("hello-from-writer"));
        assertThat(node.exec("web", "writer", "hostname").stdout()).isEqualTo("web\n");
        assertThat(node.exec("web", "server", "hostname").stdout()).isEqualTo("web\n");
        assertThat(node.exec("web", "server", "cat", "/data/index.html").stdout()).isEqualTo("hello-from-writer\n");
        TestNode.ExecResult ro = node.exec("web", "server", "sh", "-c", "echo x > /data/f");
        assertThat(ro.exitCode()).as("readOnly volume mount refuses writes").isNotZero();
        assertThat(node.exec("web", "writer", "cat", "/etc/hosts").stdout()).contains("127.0.0.1\tlocalhost").contains("\tweb\n");
    }

    @Test
    void sharedProcessNamespaceShowsPauseAsPid1() {
        node.create(pod("shared", """
                  shareProcessNamespace: true
                  containers:
                  - name: a
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("shared", allRunning());
        assertThat(node.exec("shared", "a", "cat", "/proc/1/cmdline").stdout()).startsWith("pause");
        assertThat(node.exec("shared", "a", "ps").stdout()).contains("sleep 3600");
    }

    @Test
    void ownProcessNamespaceMakesTheContainerPid1() {
        node.create(pod("own", """
                  containers:
                  - name: a
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("own", allRunning());
        assertThat(node.exec("own", "a", "cat", "/proc/1/cmdline").stdout()).startsWith("sleep");
    }

    @Test
    void imageLayersAreStackedWithWhiteoutsAndOpaqueDirs() {
        node.create(pod("layers", """
                  containers:
                  - name: web
                    image: busybox-web
                    command: ["sleep", "3600"]
                """));
        node.await("layers", allRunning());
        assertThat(node.exec("layers", "web", "test", "-e", "/etc/minipod-base-only").exitCode()).as("whiteout hides the base file").isEqualTo(1);
        assertThat(node.exec("layers", "web", "ls", "/opt/data").stdout()).isEqualTo("new.txt\n");
        assertThat(node.exec("layers", "web", "cat", "/www/index.html").stdout()).contains("hello from busybox-web");
    }

    @Test
    void neverRestartPolicyFailsWithTheExitCode() {
        node.create(pod("never", """
                  restartPolicy: Never
                  containers:
                  - name: a
                    image: busybox
                    command: ["sh", "-c", "echo bye; exit 3"]
                """));
        Pod p = node.await("never", phase("Failed"));
        var t = status(p, "a").getState().getTerminated();
        assertThat(t.getExitCode()).isEqualTo(3);
        assertThat(t.getReason()).isEqualTo("Error");
        assertThat(t.getStartedAt()).isNotNull();
        assertThat(t.getFinishedAt()).isNotNull();
        assertThat(status(p, "a").getRestartCount()).isZero();
        assertThat(node.logs("never", "a", false)).isEqualTo("bye\n");
    }

    @Test
    void onFailurePolicySucceedsAfterExitZero() {
        node.create(pod("onfailure", """
                  restartPolicy: OnFailure
                  containers:
                  - name: a
                    image: busybox
                    command: ["true"]
                  - name: b
                    image: busybox
                    command: ["sh", "-c", "exit 0"]
                """));
        Pod p = node.await("onfailure", phase("Succeeded"));
        assertThat(status(p, "a").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(status(p, "b").getState().getTerminated().getExitCode()).isZero();
    }

    @Test
    void alwaysPolicyRestartsWithBackoffAndKeepsLastState() {
        node.create(pod("always", """
                  containers:
                  - name: crash
                    image: busybox
                    command: ["sh", "-c", "echo run; exit 2"]
                """));
        Pod p = node.await("always", x -> x.getStatus() != null && status(x, "crash").getRestartCount() >= 2);
        var s = status(p, "crash");
        assertThat(p.getStatus().getPhase()).isEqualTo("Running");
        assertThat(s.getLastState().getTerminated().getExitCode()).isEqualTo(2);
        Pod waiting = node.await("always", x -> status(x, "crash").getState().getWaiting() != null);
        assertThat(status(waiting, "crash").getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(node.logs("always", "crash", true)).isEqualTo("run\n");
    }

    @Test
    void missingCommandIsAStartErrorNotAHotLoop() {
        node.create(pod("nocmd", """
                  restartPolicy: Never
                  containers:
                  - name: a
                    image: busybox
                    command: ["no-such-command"]
                """));
        Pod p = node.await("nocmd", phase("Failed"));
        var t = status(p, "a").getState().getTerminated();
        assertThat(t.getReason()).isEqualTo("StartError");
        assertThat(t.getExitCode()).isEqualTo(128);
        assertThat(t.getMessage()).contains("no-such-command");
    }

    @Test
    void execReturnsTheCommandsExitCode() {
        node.create(pod("ex", """
                  containers:
                  - name: a
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("ex", allRunning());
        assertThat(node.exec("ex", "a", "sh", "-c", "exit 7").exitCode()).isEqualTo(7);
        TestNode.ExecResult r = node.exec("ex", "a", "sh", "-c", "echo out; echo err >&2");
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(node.exec("ex", "a", "no-such-binary").exitCode()).isEqualTo(127);
    }

    @Test
    void deleteStopsAContainerThatIgnoresSigtermAfterTheGracePeriod() {
        node.create(pod("stubborn", """
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: a
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("stubborn", allRunning());
        long t0 = System.nanoTime();
        node.delete("stubborn", 1);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // sleep as PID 1 ignores SIGTERM: only the SIGKILL after the grace period stops it
        assertThat(ms).isGreaterThanOrEqualTo(900);
        node.assertNoLeaks();
    }

    @Test
    void initContainersRunInOrderBeforeTheAppContainers() {
        node.create(pod("init", """
                  volumes:
                  - {name: work, emptyDir: {}}
                  initContainers:
                  - name: first
                    image: busybox
                    command: ["sh", "-c", "echo first >> /work/order"]
                    volumeMounts: [{name: work, mountPath: /work}]
                  - name: second
                    image: busybox
                    command: ["sh", "-c", "echo second >> /work/order"]
                    volumeMounts: [{name: work, mountPath: /work}]
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "echo app >> /work/order; exec sleep 3600"]
                    volumeMounts: [{name: work, mountPath: /work}]
                """));
        Pod p = node.await("init", allRunning());
        assertThat(status(p, "first").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(status(p, "second").getState().getTerminated().getExitCode()).isZero();
        assertThat(p.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Initialized") && c.getStatus().equals("True"));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                node.exec("init", "app", "cat", "/work/order").stdout().equals("first\nsecond\napp\n"));
    }

    @Test
    void failedInitContainerUnderNeverFailsThePodWithoutStartingApps() {
        node.create(pod("initfail", """
                  restartPolicy: Never
                  initContainers:
                  - name: setup
                    image: busybox
                    command: ["sh", "-c", "exit 4"]
                  containers:
                  - name: app
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        Pod p = node.await("initfail", phase("Failed"));
        assertThat(status(p, "setup").getState().getTerminated().getExitCode()).isEqualTo(4);
        assertThat(status(p, "app").getState().getRunning()).isNull();
        assertThat(status(p, "app").getState().getTerminated()).isNull();
    }

    @Test
    void aDeadSandboxIsRecreatedAndContainersRestart() throws Exception {
        node.create(pod("phoenix", """
                  containers:
                  - name: a
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        node.await("phoenix", allRunning());
        int pause = node.pausePid("phoenix");
        // SIGKILL the pod's own infra process, which this test's daemon started
        new ProcessBuilder("kill", "-9", Integer.toString(pause)).start().waitFor();
        Pod p = node.await("phoenix", x -> status(x, "a").getRestartCount() >= 1 && status(x, "a").getState().getRunning() != null);
        assertThat(node.pausePid("phoenix")).isNotEqualTo(pause);
        assertThat(status(p, "a").getLastState().getTerminated()).isNotNull();
        assertThat(node.exec("phoenix", "a", "hostname").stdout()).isEqualTo("phoenix\n");
    }

    @Test
    void terminationMessageComesFromTheFileOrTheLogTail() {
        node.create(pod("msg", """
                  restartPolicy: Never
                  containers:
                  - name: file
                    image: busybox
                    command: ["sh", "-c", "echo -n written-at-exit > /dev/termination-log; exit 1"]
                  - name: custom
                    image: busybox
                    terminationMessagePath: /tmp/why
                    command: ["sh", "-c", "echo -n custom-path > /tmp/why"]
                  - name: logs
                    image: busybox
                    terminationMessagePolicy: FallbackToLogsOnError
                    command: ["sh", "-c", "echo first; echo last words; exit 2"]
                  - name: quiet
                    image: busybox
                    terminationMessagePolicy: FallbackToLogsOnError
                    command: ["sh", "-c", "echo fine"]
                """));
        Pod p = node.await("msg", phase("Failed"));
        assertThat(status(p, "file").getState().getTerminated().getMessage()).isEqualTo("written-at-exit");
        assertThat(status(p, "custom").getState().getTerminated().getMessage()).isEqualTo("custom-path");
        assertThat(status(p, "logs").getState().getTerminated().getMessage()).isEqualTo("first\nlast words\n");
        assertThat(status(p, "quiet").getState().getTerminated().getMessage()).as("exit 0: no fallback").isNull();
    }

    @Test
    void activeDeadlineSecondsFailsThePodWithDeadlineExceeded() {
        node.create(pod("deadline", """
                  activeDeadlineSeconds: 1
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: a
                    image: busybox
                    command: ["sleep", "3600"]
                """));
        Pod p = node.await("deadline", phase("Failed"));
        assertThat(p.getStatus().getReason()).isEqualTo("DeadlineExceeded");
        assertThat(p.getStatus().getMessage()).isEqualTo("Pod was active on the node longer than the specified deadline");
        assertThat(status(p, "a").getState().getTerminated()).as(status(p, "a").toString()).isNotNull();
        assertThat(status(p, "a").getState().getTerminated().getExitCode()).isEqualTo(137);
    }
}
