package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minipod.runtime.sync.ContainerRecord.Terminated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mirrors kuberuntime_manager_test TestComputePodActions / TestComputePodActionsWithInitContainers. */
class PodActionsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");

    private final Backoff backoff = Backoff.kubeletDefaults();

    private static PodPlanView pod(String policy, List<String> init, List<String> app) {
        return PodPlanView.ofNames("web", "default", "uid-1", policy, init, app);
    }

    private static ContainerRecord running(String name, boolean init) {
        return ContainerRecord.fresh(name, init).started("id-" + name, T0, 100);
    }

    private static ContainerRecord exited(String name, boolean init, int code, Instant finishedAt) {
        return ContainerRecord.fresh(name, init).started("id-" + name, T0, 100)
                .exited(Terminated.exit(code, 0, T0, finishedAt, "id-" + name));
    }

    @Test
    void newPodStartsAllAppContainersInSpecOrder() {
        var a = PodActions.compute(pod("Always", List.of(), List.of("a", "b", "c")), List.of(), backoff, false, T0);
        assertThat(a.start()).containsExactly("a", "b", "c");
        assertThat(a.restartedAfter()).isEmpty();
        assertThat(a.podTerminal()).isFalse();
        assertThat(a.killAll()).isFalse();
    }

    @Test
    void allRunningDoesNothing() {
        var a = PodActions.compute(pod("Always", List.of(), List.of("a", "b")),
                List.of(running("a", false), running("b", false)), backoff, false, T0);
        assertThat(a.start()).isEmpty();
        assertThat(a.waiting()).isEmpty();
        assertThat(a.podTerminal()).isFalse();
    }

    @Test
    void initContainersStartOneAtATimeInOrder() {
        PodPlanView plan = pod("Always", List.of("i1", "i2"), List.of("a", "b"));
        assertThat(PodActions.compute(plan, List.of(), backoff, false, T0).start()).containsExactly("i1");
        assertThat(PodActions.compute(plan, List.of(running("i1", true)), backoff, false, T0).start()).isEmpty();
        assertThat(PodActions.compute(plan, List.of(exited("i1", true, 0, T0)), backoff, false, T0).start())
                .containsExactly("i2");
        var done = PodActions.compute(plan, List.of(exited("i1", true, 0, T0), exited("i2", true, 0, T0)),
                backoff, false, T0);
        assertThat(done.start()).containsExactly("a", "b");
    }

    @Test
    void initContainersAreNotRerunOnceAppContainersExist() {
        PodPlanView plan = pod("Always", List.of("i1"), List.of("a"));
        var a = PodActions.compute(plan, List.of(ContainerRecord.fresh("i1", true), running("a", false)),
                backoff, false, T0);
        assertThat(a.start()).isEmpty();
    }

    @Test
    void failedInitUnderNeverFailsPodWithoutStartingApps() {
        PodPlanView plan = pod("Never", List.of("i1", "i2"), List.of("a"));
        var a = PodActions.compute(plan, List.of(exited("i1", true, 1, T0)), backoff, false, T0);
        assertThat(a.start()).isEmpty();
        assertThat(a.podTerminal()).isTrue();
    }

    @Test
    void failedInitUnderOnFailureRestartsThenBacksOff() {
        PodPlanView plan = pod("OnFailure", List.of("i1"), List.of("a"));
        Instant finished = T0.plusSeconds(1);
        var first = PodActions.compute(plan, List.of(exited("i1", true, 1, finished)), backoff, false, finished);
        assertThat(first.start()).containsExactly("i1");
        assertThat(first.restartedAfter()).containsEntry("i1", finished);
        backoff.next(plan.backoffKey("i1"), finished, finished);

        Instant again = finished.plusSeconds(2);
        var second = PodActions.compute(plan, List.of(exited("i1", true, 1, again)), backoff, false, again);
        assertThat(second.start()).isEmpty();
        assertThat(second.waiting()).containsOnlyKeys("i1");
        assertThat(second.waiting().get("i1").reason()).isEqualTo("CrashLoopBackOff");
        assertThat(second.podTerminal()).isFalse();
    }

    @Test
    void initSucceededUnderAlwaysIsNotRestarted() {
        PodPlanView plan = pod("Always", List.of("i1"), List.of("a"));
        var a = PodActions.compute(plan, List.of(exited("i1", true, 0, T0)), backoff, false, T0);
        assertThat(a.start()).containsExactly("a");
        assertThat(a.restartedAfter()).isEmpty();
    }

    @Test
    void alwaysRestartsCompletedContainer() {
        var a = PodActions.compute(pod("Always", List.of(), List.of("a")), List.of(exited("a", false, 0, T0)),
                backoff, false, T0);
        assertThat(a.start()).containsExactly("a");
        assertThat(a.restartedAfter()).containsEntry("a", T0);
        assertThat(a.podTerminal()).isFalse();
    }

    @Test
    void onFailureRestartsOnlyFailedContainers() {
        PodPlanView plan = pod("OnFailure", List.of(), List.of("ok", "bad"));
        var a = PodActions.compute(plan, List.of(exited("ok", false, 0, T0), exited("bad", false, 2, T0)),
                backoff, false, T0);
        assertThat(a.start()).containsExactly("bad");
        var done = PodActions.compute(plan, List.of(exited("ok", false, 0, T0), exited("bad", false, 0, T0)),
                backoff, false, T0);
        assertThat(done.start()).isEmpty();
        assertThat(done.podTerminal()).isTrue();
    }

    @Test
    void neverRestartsNothingAndWaitsForTheLastContainer() {
        PodPlanView plan = pod("Never", List.of(), List.of("a", "b"));
        var oneLeft = PodActions.compute(plan, List.of(exited("a", false, 1, T0), running("b", false)),
                backoff, false, T0);
        assertThat(oneLeft.start()).isEmpty();
        assertThat(oneLeft.podTerminal()).isFalse();
        var done = PodActions.compute(plan, List.of(exited("a", false, 1, T0), exited("b", false, 0, T0)),
                backoff, false, T0);
        assertThat(done.podTerminal()).isTrue();
        assertThat(done.killAll()).isFalse();
    }

    @Test
    void crashLoopWaitsWithKubeletMessageAndWakeUp() {
        PodPlanView plan = pod("Always", List.of(), List.of("a", "b"));
        String key = plan.backoffKey("a");
        backoff.next(key, T0, T0);
        backoff.next(key, T0.plusSeconds(1), T0.plusSeconds(11)); // now 20 s
        Instant finished = T0.plusSeconds(12);
        Instant now = finished.plusSeconds(5);
        var a = PodActions.compute(plan, List.of(exited("a", false, 1, finished), running("b", false)),
                backoff, false, now);
        assertThat(a.start()).isEmpty();
        assertThat(a.waiting()).isEqualTo(Map.of("a", new ContainerRecord.Waiting("CrashLoopBackOff",
                "back-off 20s restarting failed container=a pod=web_default(uid-1)")));
        assertThat(a.nextWakeUp()).contains(finished.plusSeconds(20));

        var later = PodActions.compute(plan, List.of(exited("a", false, 1, finished), running("b", false)),
                backoff, false, finished.plusSeconds(20));
        assertThat(later.start()).containsExactly("a");
        assertThat(later.waiting()).isEmpty();
        assertThat(later.nextWakeUp()).isEmpty();
    }

    @Test
    void earliestBackoffExpiryWins() {
        Backoff small = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300));
        PodPlanView plan = pod("Always", List.of(), List.of("a", "b"));
        small.next(plan.backoffKey("a"), T0, T0);
        small.next(plan.backoffKey("b"), T0, T0);
        var a = PodActions.compute(plan, List.of(exited("a", false, 1, T0.plusSeconds(3)),
                exited("b", false, 1, T0.plusSeconds(1))), small, false, T0.plusSeconds(4));
        assertThat(a.waiting()).containsOnlyKeys("a", "b");
        assertThat(a.nextWakeUp()).contains(T0.plusSeconds(11));
    }

    @Test
    void startErrorIsRestartedUnderAlways() {
        var rec = ContainerRecord.fresh("a", false).startFailed("id-a", "exec: \"nope\": executable file not found",
                T0);
        var a = PodActions.compute(pod("Always", List.of(), List.of("a")), List.of(rec), backoff, false, T0);
        assertThat(a.start()).containsExactly("a");
    }

    @Test
    void deletingKillsAll() {
        PodPlanView plan = pod("Always", List.of(), List.of("a"));
        var a = PodActions.compute(plan, List.of(running("a", false)), backoff, true, T0);
        assertThat(a.killAll()).isTrue();
        assertThat(a.start()).isEmpty();
        assertThat(a.podTerminal()).isFalse();
        var gone = PodActions.compute(plan, List.of(exited("a", false, 143, T0)), backoff, true, T0);
        assertThat(gone.killAll()).isTrue();
        assertThat(gone.podTerminal()).isTrue();
    }
}
