package dev.minipod.runtime.status;

import static dev.minipod.runtime.status.Statuses.initDone;
import static dev.minipod.runtime.status.Statuses.running;
import static dev.minipod.runtime.status.Statuses.terminated;
import static dev.minipod.runtime.status.Statuses.unknown;
import static dev.minipod.runtime.status.Statuses.waiting;
import static dev.minipod.runtime.status.Statuses.waitingAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables after kubelet_pods_test TestPodPhaseWithRestartAlways / Never / OnFailure,
 * TestPodPhaseWithRestartAlwaysInitContainers / NeverInitContainers and the podIsTerminal cases.
 */
class PhaseCalculatorTest {

    private static Arguments row(String desc, String policy, List<ContainerStatus> init, List<ContainerStatus> app,
                                 boolean terminal, String phase) {
        return Arguments.of(desc, policy, init, app, terminal, phase);
    }

    static Stream<Arguments> restartAlways() {
        return Stream.of(
                row("all running", "Always", List.of(), List.of(running("a"), running("b")), false, "Running"),
                row("all stopped", "Always", List.of(), List.of(terminated("a", 0), terminated("b", 0)), false,
                        "Running"),
                row("mixed running and stopped", "Always", List.of(), List.of(running("a"), terminated("b", 1)),
                        false, "Running"),
                row("one waiting never started", "Always", List.of(), List.of(running("a"), waiting("b",
                        "ContainerCreating")), false, "Pending"),
                row("crash loop is Running", "Always", List.of(), List.of(waitingAfter("a", 1)), false, "Running"),
                row("crash loop beside running", "Always", List.of(), List.of(running("a"), waitingAfter("b", 1)),
                        false, "Running"),
                row("unknown container", "Always", List.of(), List.of(running("a"), unknown("b")), false, "Pending"),
                row("terminal all exit 0", "Always", List.of(), List.of(terminated("a", 0), terminated("b", 0)),
                        true, "Succeeded"),
                row("terminal one failed", "Always", List.of(), List.of(terminated("a", 0), terminated("b", 143)),
                        true, "Failed"),
                row("terminal crash loop after exit 0 is not success", "Always", List.of(),
                        List.of(waitingAfter("a", 0)), true, "Failed"));
    }

    static Stream<Arguments> restartNever() {
        return Stream.of(
                row("all running", "Never", List.of(), List.of(running("a"), running("b")), false, "Running"),
                row("all succeeded", "Never", List.of(), List.of(terminated("a", 0), terminated("b", 0)), false,
                        "Succeeded"),
                row("all stopped, one failed", "Never", List.of(), List.of(terminated("a", 0), terminated("b", 1)),
                        false, "Failed"),
                row("one failed, one still running", "Never", List.of(), List.of(terminated("a", 1), running("b")),
                        false, "Running"),
                row("creating", "Never", List.of(), List.of(waiting("a", "ContainerCreating")), false, "Pending"),
                row("image pull failure before start", "Never", List.of(), List.of(waiting("a", "ErrImagePull")),
                        false, "Pending"));
    }

    static Stream<Arguments> restartOnFailure() {
        return Stream.of(
                row("all running", "OnFailure", List.of(), List.of(running("a")), false, "Running"),
                row("all succeeded", "OnFailure", List.of(), List.of(terminated("a", 0), terminated("b", 0)), false,
                        "Succeeded"),
                row("one failed, restarting", "OnFailure", List.of(), List.of(terminated("a", 0),
                        terminated("b", 1)), false, "Running"),
                row("crash loop is Running", "OnFailure", List.of(), List.of(waitingAfter("a", 1)), false,
                        "Running"),
                row("terminal one failed", "OnFailure", List.of(), List.of(terminated("a", 1)), true, "Failed"));
    }

    static Stream<Arguments> initContainers() {
        return Stream.of(
                row("init running", "Always", List.of(running("i")), List.of(waiting("a", "PodInitializing")), false,
                        "Pending"),
                row("init not started", "Always", List.of(waiting("i", "PodInitializing")),
                        List.of(waiting("a", "PodInitializing")), false, "Pending"),
                row("init crash loop under Always is Pending", "Always", List.of(waitingAfter("i", 1)),
                        List.of(waiting("a", "PodInitializing")), false, "Pending"),
                row("init failed under OnFailure is Pending", "OnFailure", List.of(terminated("i", 1)),
                        List.of(waiting("a", "PodInitializing")), false, "Pending"),
                row("init failed under Never is Failed", "Never", List.of(terminated("i", 1)),
                        List.of(waiting("a", "PodInitializing")), false, "Failed"),
                row("init crash loop under Never is Failed", "Never", List.of(waitingAfter("i", 1)),
                        List.of(waiting("a", "PodInitializing")), false, "Failed"),
                row("second init pending", "Always", List.of(initDone("i1"), waiting("i2", "PodInitializing")),
                        List.of(waiting("a", "PodInitializing")), false, "Pending"),
                row("init done, apps waiting", "Always", List.of(initDone("i")),
                        List.of(waiting("a", "PodInitializing")), false, "Pending"),
                row("init done, app running", "Always", List.of(initDone("i")), List.of(running("a")), false,
                        "Running"),
                row("init done, app succeeded under Never", "Never", List.of(initDone("i")),
                        List.of(terminated("a", 0)), false, "Succeeded"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"restartAlways", "restartNever", "restartOnFailure", "initContainers"})
    void getPhase(String desc, String policy, List<ContainerStatus> init, List<ContainerStatus> app, boolean terminal,
                  String expected) {
        assertThat(PhaseCalculator.getPhase(policy, init, app, terminal)).isEqualTo(expected);
    }
}
