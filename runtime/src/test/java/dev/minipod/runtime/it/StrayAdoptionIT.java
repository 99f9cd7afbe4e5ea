package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.daemon.Daemon;
import dev.minipod.runtime.daemon.DaemonOptions;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.process.Instance;
import dev.minipod.runtime.process.ProcStat;
import dev.minipod.runtime.state.Dirs;
import dev.minipod.runtime.state.PodRuntimeState;
import dev.minipod.runtime.state.StateStore;
import dev.minipod.runtime.sync.ContainerRecord;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * A daemon that died after launching a container but before recording it must not leave that
 * container running beside the one the next daemon starts. Simulated by dropping the instance from
 * the runtime state between two daemons on the same roots. Needs root.
 */
@Tag("root")
class StrayAdoptionIT {
    private Path dir;
    private Daemon daemon;

    @AfterEach
    void cleanup() {
        if (daemon != null) {
            for (Pod p : daemon.pods().list(TestNode.NS).getItems()) {
                daemon.pods().deleteAndWait(TestNode.NS, p.getMetadata().getName(), 0);
            }
            daemon.close();
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

    @Test
    void anUnrecordedContainerIsKilledAndStartedOnceByTheNextDaemon() throws Exception {
        dir = Files.createTempDirectory("minipod-it-stray-");
        DaemonOptions o = TestNode.options(dir);
        daemon = Daemon.start(o);
        daemon.pods().importImage(TestNode.images().resolve("busybox").toString(), "busybox:latest");
        daemon.pods().create(TestNode.NS, ("apiVersion: v1\nkind: Pod\nmetadata: {name: stray}\nspec:\n  containers:\n"
                + "  - {name: app, image: busybox, command: [sleep, '3600']}\n").getBytes(StandardCharsets.UTF_8));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                daemon.pods().get(TestNode.NS, "stray").getStatus().getContainerStatuses().get(0).getState().getRunning() != null);
        String uid = daemon.pods().get(TestNode.NS, "stray").getMetadata().getUid();
        daemon.close();
        daemon = null;

        StateStore store = new StateStore(o.layout());
        PodRuntimeState state = store.loadRuntime(uid).orElseThrow();
        Instance old = state.instances().get(0);
        assertThat(ProcStat.isSameProcess(old.containerPid(), old.containerStartTime())).isTrue();
        store.saveRuntime(uid, new PodRuntimeState(state.sandbox(), state.startTime(),
                List.of(ContainerRecord.fresh("app", false)), List.of(), state.terminal()));

        daemon = Daemon.start(o);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                daemon.pods().get(TestNode.NS, "stray").getStatus().getContainerStatuses().get(0).getState().getRunning() != null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                !ProcStat.isSameProcess(old.containerPid(), old.containerStartTime()) || ProcStat.isGone(old.containerPid()));
        Instance now = store.loadRuntime(uid).orElseThrow().instances().get(0);
        assertThat(now.containerPid()).isNotEqualTo(old.containerPid());
        assertThat(daemon.pods().get(TestNode.NS, "stray").getStatus().getContainerStatuses().get(0).getRestartCount()).isZero();
    }
}
