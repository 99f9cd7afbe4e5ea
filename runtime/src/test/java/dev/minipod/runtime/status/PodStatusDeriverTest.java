package dev.minipod.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.minipod.runtime.sync.ContainerRecord;
import dev.minipod.runtime.sync.ContainerRecord.Terminated;
import dev.minipod.runtime.sync.ContainerRecord.Waiting;
import dev.minipod.runtime.sync.PodPlanView;
import dev.minipod.runtime.sync.PodPlanView.ContainerView;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusDeriverTest {

    private static final Instant T0 = Instant.parse("2026-11-23T06:31:44.250Z");
    private static final String IMAGE_ID = "sha256:1111";

    private static ContainerView view(String name) {
        return new ContainerView(name, "busybox:1.36", IMAGE_ID, false, false);
    }

    private static PodPlanView plan(String policy, List<String> init, List<String> app) {
        return new PodPlanView("web", "default", "uid-1", policy, init.stream().map(PodStatusDeriverTest::view).toList(),
                app.stream().map(PodStatusDeriverTest::view).toList());
    }

    private static PodFacts facts(boolean terminal, PodStatus previous) {
        return new PodFacts(T0, "10.88.0.5", "192.168.1.10", "BestEffort", true, terminal, previous);
    }

    private static ContainerRecord running(String name, boolean init) {
        return ContainerRecord.fresh(name, init).started("c-" + name, T0, 10);
    }

    private static ContainerRecord exited(String name, boolean init, int code) {
        return running(name, init).exited(Terminated.exit(code, 0, T0, T0.plusSeconds(5), "c-" + name));
    }

    private static PodCondition cond(PodStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void newPodIsPendingContainerCreating() {
        PodStatus s = PodStatusDeriver.derive(plan("Always", List.of(), List.of("a")), List.of(), facts(false, null),
                T0);
        assertThat(s.getPhase()).isEqualTo("Pending");
        ContainerStatus a = s.getContainerStatuses().get(0);
        assertThat(a.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(a.getLastState()).isEqualTo(new ContainerState());
        assertThat(a).extracting(ContainerStatus::getReady, ContainerStatus::getStarted, ContainerStatus::getRestartCount,
                ContainerStatus::getImage, ContainerStatus::getImageID, ContainerStatus::getContainerID)
                .containsExactly(false, false, 0, "busybox:1.36", "", null);
        assertThat(s.getStartTime()).isEqualTo("2026-11-23T06:31:44Z");
        assertThat(s.getPodIP()).isEqualTo("10.88.0.5");
        assertThat(s.getPodIPs()).extracting(p -> p.getIp()).containsExactly("10.88.0.5");
        assertThat(s.getHostIPs()).extracting(h -> h.getIp()).containsExactly("192.168.1.10");
        assertThat(s.getQosClass()).isEqualTo("BestEffort");
    }

    @Test
    void podWithInitContainersDefaultsToPodInitializing() {
        PodStatus s = PodStatusDeriver.derive(plan("Always", List.of("i1", "i2"), List.of("a")),
                List.of(exited("i1", true, 0)), facts(false, null), T0);
        assertThat(s.getInitContainerStatuses()).extracting(ContainerStatus::getName).containsExactly("i1", "i2");
        ContainerStatus i1 = s.getInitContainerStatuses().get(0);
        assertThat(i1.getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(i1.getReady()).isTrue();
        assertThat(i1.getStarted()).isFalse();
        assertThat(s.getInitContainerStatuses().get(1).getState().getWaiting().getReason())
                .isEqualTo("PodInitializing");
        assertThat(s.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(s.getPhase()).isEqualTo("Pending");
        assertThat(cond(s, "Initialized").getMessage()).isEqualTo("containers with incomplete status: [i2]");
    }

    @Test
    void runningPodIsReady() {
        PodStatus s = PodStatusDeriver.derive(plan("Always", List.of(), List.of("a", "b")),
                List.of(running("a", false), running("b", false)), facts(false, null), T0);
        assertThat(s.getPhase()).isEqualTo("Running");
        ContainerStatus a = s.getContainerStatuses().get(0);
        assertThat(a.getState().getRunning().getStartedAt()).isEqualTo("2026-11-23T06:31:44Z");
        assertThat(a).extracting(ContainerStatus::getReady, ContainerStatus::getStarted, ContainerStatus::getImageID,
                ContainerStatus::getContainerID).containsExactly(true, true, IMAGE_ID, "minipod://c-a");
        assertThat(s.getConditions()).extracting(PodCondition::getStatus).containsOnly("True");
    }

    @Test
    void readinessProbeKeepsContainerUnready() {
        var p = new PodPlanView("web", "default", "uid-1", "Always", List.of(),
                List.of(new ContainerView("a", "img", IMAGE_ID, true, false)));
        PodStatus s = PodStatusDeriver.derive(p, List.of(running("a", false)), facts(false, null), T0);
        assertThat(s.getContainerStatuses().get(0).getReady()).isFalse();
        assertThat(cond(s, "Ready")).extracting(PodCondition::getReason, PodCondition::getMessage)
                .containsExactly("ContainersNotReady", "containers with unready status: [a]");
    }

    @Test
    void crashLoopBackOffShowsWaitingOverLastTermination() {
        ContainerRecord a = exited("a", false, 1).restarted().started("c-a2", T0.plusSeconds(20), 11)
                .exited(Terminated.exit(1, 0, T0.plusSeconds(20), T0.plusSeconds(21), "c-a2"))
                .waiting(new Waiting("CrashLoopBackOff",
                        "back-off 20s restarting failed container=a pod=web_default(uid-1)"));
        PodStatus s = PodStatusDeriver.derive(plan("Always", List.of(), List.of("a")), List.of(a), facts(false, null),
                T0.plusSeconds(25));
        ContainerStatus cs = s.getContainerStatuses().get(0);
        assertThat(cs.getState().getWaiting()).extracting(w -> w.getReason(), w -> w.getMessage())
                .containsExactly("CrashLoopBackOff", "back-off 20s restarting failed container=a pod=web_default(uid-1)");
        assertThat(cs.getLastState().getTerminated()).extracting(t -> t.getExitCode(), t -> t.getReason(),
                t -> t.getStartedAt(), t -> t.getFinishedAt(), t -> t.getContainerID(), t -> t.getSignal())
                .containsExactly(1, "Error", "2026-11-23T06:32:04Z", "2026-11-23T06:32:05Z", "minipod://c-a2", null);
        assertThat(cs.getRestartCount()).isEqualTo(1);
        assertThat(cs.getContainerID()).isEqualTo("minipod://c-a2");
        assertThat(s.getPhase()).isEqualTo("Running");
        assertThat(cond(s, "ContainersReady").getMessage()).isEqualTo("containers with unready status: [a]");
    }

    @Test
    void missingCommandIsRunContainerErrorOverStartError() {
        String msg = "exec: \"curl\": executable file not found in $PATH";
        ContainerRecord a = ContainerRecord.fresh("a", false).startFailed("c-a", msg, T0);
        PodStatus s = PodStatusDeriver.derive(plan("Always", List.of(), List.of("a")), List.of(a), facts(false, null),
                T0);
        ContainerStatus cs = s.getContainerStatuses().get(0);
        assertThat(cs.getState().getWaiting()).extracting(w -> w.getReason(), w -> w.getMessage())
                .containsExactly("RunContainerError", msg);
        assertThat(cs.getLastState().getTerminated()).extracting(t -> t.getExitCode(), t -> t.getReason(),
                t -> t.getMessage(), t -> t.getStartedAt()).containsExactly(128, "StartError", msg,
                "1970-01-01T00:00:00Z");
        assertThat(s.getPhase()).isEqualTo("Running");
    }

    @Test
    void startErrorUnderNeverStaysTerminatedAndFails() {
        ContainerRecord a = ContainerRecord.fresh("a", false).startFailed("c-a", "boom", T0);
        PodStatus s = PodStatusDeriver.derive(plan("Never", List.of(), List.of("a")), List.of(a), facts(true, null),
                T0);
        ContainerStatus cs = s.getContainerStatuses().get(0);
        assertThat(cs.getState().getTerminated().getReason()).isEqualTo("StartError");
        assertThat(cs.getLastState()).isEqualTo(new ContainerState());
        assertThat(s.getPhase()).isEqualTo("Failed");
    }

    @Test
    void completedPodUnderNever() {
        PodStatus s = PodStatusDeriver.derive(plan("Never", List.of("i"), List.of("a")),
                List.of(exited("i", true, 0), exited("a", false, 0)), facts(true, null), T0);
        assertThat(s.getPhase()).isEqualTo("Succeeded");
        assertThat(s.getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(s.getConditions()).extracting(PodCondition::getType, PodCondition::getReason).contains(
                tuple("Initialized", "PodCompleted"), tuple("Ready", "PodCompleted"),
                tuple("ContainersReady", "PodCompleted"));
    }

    @Test
    void initFailureUnderNeverFailsPod() {
        PodStatus s = PodStatusDeriver.derive(plan("Never", List.of("i"), List.of("a")),
                List.of(exited("i", true, 3)), facts(true, null), T0);
        assertThat(s.getPhase()).isEqualTo("Failed");
        assertThat(s.getInitContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(s.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(cond(s, "ContainersReady").getReason()).isEqualTo("PodFailed");
    }

    @Test
    void terminalPhaseIsSticky() {
        PodStatus done = PodStatusDeriver.derive(plan("OnFailure", List.of(), List.of("a")),
                List.of(exited("a", false, 0)), facts(true, null), T0);
        assertThat(done.getPhase()).isEqualTo("Succeeded");
        PodStatus after = PodStatusDeriver.derive(plan("OnFailure", List.of(), List.of("a")), List.of(),
                facts(false, done), T0.plusSeconds(5));
        assertThat(after.getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void reasonAndMessageKeptWhilePhaseUnchanged() {
        PodStatus prev = new PodStatus();
        prev.setPhase("Failed");
        prev.setReason("DeadlineExceeded");
        prev.setMessage("Pod was active on the node longer than the specified deadline");
        PodStatus s = PodStatusDeriver.derive(plan("Always", List.of(), List.of("a")), List.of(exited("a", false, 137)),
                facts(true, prev), T0);
        assertThat(s).extracting(PodStatus::getPhase, PodStatus::getReason).containsExactly("Failed",
                "DeadlineExceeded");

        PodStatus pending = new PodStatus();
        pending.setPhase("Pending");
        pending.setReason("Something");
        PodStatus running = PodStatusDeriver.derive(plan("Always", List.of(), List.of("a")),
                List.of(running("a", false)), facts(false, pending), T0);
        assertThat(running.getReason()).isNull();
    }
}
