package dev.minipod.runtime.status;

import static dev.minipod.runtime.status.Statuses.initDone;
import static dev.minipod.runtime.status.Statuses.running;
import static dev.minipod.runtime.status.Statuses.runningUnready;
import static dev.minipod.runtime.status.Statuses.terminated;
import static dev.minipod.runtime.status.Statuses.unknown;
import static dev.minipod.runtime.status.Statuses.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After kubelet status/generate_test (TestGenerateContainersReadyCondition, TestGeneratePodInitializedCondition ...). */
class PodConditionsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T06:31:44.789Z");

    private static PodCondition get(List<PodCondition> cs, String type) {
        return cs.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void allReadyInKubeletOrder() {
        var cs = PodConditions.generate(List.of(), List.of(running("a")), "Running", true, List.of(), T0);
        assertThat(cs).extracting(PodCondition::getType, PodCondition::getStatus, PodCondition::getReason,
                PodCondition::getLastTransitionTime, PodCondition::getLastProbeTime).containsExactly(
                tuple("PodReadyToStartContainers", "True", null, "2026-11-23T06:31:44Z", null),
                tuple("Initialized", "True", null, "2026-11-23T06:31:44Z", null),
                tuple("Ready", "True", null, "2026-11-23T06:31:44Z", null),
                tuple("ContainersReady", "True", null, "2026-11-23T06:31:44Z", null),
                tuple("PodScheduled", "True", null, "2026-11-23T06:31:44Z", null));
    }

    @Test
    void containersNotReadyListsUnreadyInSpecOrder() {
        var cs = PodConditions.generate(List.of(), List.of(runningUnready("a"), running("b"),
                waiting("c", "ContainerCreating")), "Pending", true, List.of(), T0);
        for (String type : List.of("Ready", "ContainersReady")) {
            assertThat(get(cs, type)).extracting(PodCondition::getStatus, PodCondition::getReason,
                    PodCondition::getMessage).containsExactly("False", "ContainersNotReady",
                    "containers with unready status: [a c]");
        }
    }

    @Test
    void unknownAndUnreadyMessagesJoined() {
        var cs = PodConditions.generate(List.of(), List.of(unknown("x"), runningUnready("a")), "Pending", true,
                List.of(), T0);
        assertThat(get(cs, "ContainersReady").getMessage())
                .isEqualTo("containers with unknown status: [x], containers with unready status: [a]");
    }

    @Test
    void initIncomplete() {
        // a running init container is not ready: only a zero exit makes it ready
        var i2 = runningUnready("i2");
        var cs = PodConditions.generate(List.of(initDone("i1"), i2, waiting("i3", "PodInitializing")),
                List.of(waiting("a", "PodInitializing")), "Pending", true, List.of(), T0);
        assertThat(get(cs, "Initialized")).extracting(PodCondition::getStatus, PodCondition::getReason,
                PodCondition::getMessage).containsExactly("False", "ContainersNotInitialized",
                "containers with incomplete status: [i2 i3]");
    }

    @Test
    void initializedOnceAnAppContainerStarted() {
        var cs = PodConditions.generate(List.of(waiting("i1", "PodInitializing")), List.of(running("a")), "Running",
                true, List.of(), T0);
        assertThat(get(cs, "Initialized").getStatus()).isEqualTo("True");
    }

    @Test
    void succeededPod() {
        var cs = PodConditions.generate(List.of(initDone("i")), List.of(terminated("a", 0)), "Succeeded", false,
                List.of(), T0);
        assertThat(cs).extracting(PodCondition::getType, PodCondition::getStatus, PodCondition::getReason)
                .containsExactly(tuple("PodReadyToStartContainers", "False", null),
                        tuple("Initialized", "True", "PodCompleted"),
                        tuple("Ready", "False", "PodCompleted"),
                        tuple("ContainersReady", "False", "PodCompleted"),
                        tuple("PodScheduled", "True", null));
    }

    @Test
    void failedPod() {
        var cs = PodConditions.generate(List.of(terminated("i", 1)), List.of(waiting("a", "PodInitializing")),
                "Failed", false, List.of(), T0);
        assertThat(get(cs, "Initialized")).extracting(PodCondition::getStatus, PodCondition::getReason,
                PodCondition::getMessage).containsExactly("False", "ContainersNotInitialized",
                "containers with incomplete status: [i]");
        assertThat(get(cs, "ContainersReady").getReason()).isEqualTo("PodFailed");
        assertThat(get(cs, "Ready").getReason()).isEqualTo("PodFailed");
        assertThat(get(cs, "Ready").getMessage()).isNull();
    }

    @Test
    void lastTransitionTimeKeptWhileStatusUnchanged() {
        var first = PodConditions.generate(List.of(), List.of(waiting("a", "ContainerCreating")), "Pending", true,
                List.of(), T0);
        Instant later = T0.plusSeconds(30);
        var second = PodConditions.generate(List.of(), List.of(running("a")), "Running", true, first, later);
        assertThat(get(second, "PodScheduled").getLastTransitionTime()).isEqualTo("2026-11-23T06:31:44Z");
        assertThat(get(second, "Initialized").getLastTransitionTime()).isEqualTo("2026-11-23T06:31:44Z");
        assertThat(get(second, "Ready").getLastTransitionTime()).isEqualTo("2026-11-23T06:32:14Z");
        assertThat(get(second, "ContainersReady").getLastTransitionTime()).isEqualTo("2026-11-23T06:32:14Z");
    }
}
