package dev.minipod.runtime.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubelet-owned pod conditions (kubelet status/generate.go), in the kubelet's order:
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
 * {@code lastTransitionTime} is kept from the previous condition of the same type when its status
 * did not change, else {@code now}; {@code lastProbeTime} stays null.
 */
public final class PodConditions {

    public static final String POD_READY_TO_START_CONTAINERS = "PodReadyToStartContainers";
    public static final String INITIALIZED = "Initialized";
    public static final String READY = "Ready";
    public static final String CONTAINERS_READY = "ContainersReady";
    public static final String POD_SCHEDULED = "PodScheduled";

    public static final String CONTAINERS_NOT_READY = "ContainersNotReady";
    public static final String CONTAINERS_NOT_INITIALIZED = "ContainersNotInitialized";
    public static final String POD_COMPLETED = "PodCompleted";
    public static final String POD_FAILED = "PodFailed";

    private PodConditions() {
    }

    /**
     * @param initStatuses regular init container statuses, spec order
     * @param appStatuses  app container statuses, spec order
     * @param phase        the pod phase these conditions go with
     * @param sandboxReady the sandbox exists with its network set up
     * @param previous     the previously reported conditions (may be empty)
     */
    public static List<PodCondition> generate(List<ContainerStatus> initStatuses, List<ContainerStatus> appStatuses,
                                              String phase, boolean sandboxReady, List<PodCondition> previous,
                                              Instant now) {
        List<PodCondition> out = new ArrayList<>();
        out.add(condition(POD_READY_TO_START_CONTAINERS, sandboxReady, null, null));
        out.add(initialized(initStatuses, appStatuses, phase));
        PodCondition containersReady = containersReady(appStatuses, phase);
        out.add(condition(READY, "True".equals(containersReady.getStatus()), containersReady.getReason(),
                containersReady.getMessage()));
        out.add(containersReady);
        out.add(condition(POD_SCHEDULED, true, null, null));
        String stamp = Rfc3339.format(now);
        for (PodCondition c : out) {
            c.setLastTransitionTime(previous == null ? stamp : previous.stream()
                    .filter(p -> c.getType().equals(p.getType()) && c.getStatus().equals(p.getStatus()))
                    .map(PodCondition::getLastTransitionTime)
                    .filter(t -> t != null)
                    .findFirst().orElse(stamp));
        }
        return out;
    }

    private static PodCondition initialized(List<ContainerStatus> init, List<ContainerStatus> app, String phase) {
        if (init.isEmpty()) {
            return condition(INITIALIZED, true, null, null);
        }
        if (PhaseCalculator.SUCCEEDED.equals(phase)) {
            return condition(INITIALIZED, true, POD_COMPLETED, null);
        }
        boolean anyAppStarted = app.stream().map(ContainerStatus::getState)
                .anyMatch(st -> st != null && (st.getRunning() != null || st.getTerminated() != null));
        if (anyAppStarted) {
            return condition(INITIALIZED, true, null, null);
        }
        List<String> incomplete = init.stream().filter(s -> !Boolean.TRUE.equals(s.getReady()))
                .map(ContainerStatus::getName).toList();
        if (!incomplete.isEmpty()) {
            return condition(INITIALIZED, false, CONTAINERS_NOT_INITIALIZED,
                    "containers with incomplete status: " + goList(incomplete));
        }
        return condition(INITIALIZED, true, null, null);
    }

    private static PodCondition containersReady(List<ContainerStatus> app, String phase) {
        if (PhaseCalculator.SUCCEEDED.equals(phase)) {
            return condition(CONTAINERS_READY, false, POD_COMPLETED, null);
        }
        if (PhaseCalculator.FAILED.equals(phase)) {
            return condition(CONTAINERS_READY, false, POD_FAILED, null);
        }
        List<String> unknown = app.stream().filter(s -> state(s) == null).map(ContainerStatus::getName).toList();
        List<String> unready = app.stream().filter(s -> state(s) != null && !Boolean.TRUE.equals(s.getReady()))
                .map(ContainerStatus::getName).toList();
        List<String> parts = new ArrayList<>();
        if (!unknown.isEmpty()) {
            parts.add("containers with unknown status: " + goList(unknown));
        }
        if (!unready.isEmpty()) {
            parts.add("containers with unready status: " + goList(unready));
        }
        if (!parts.isEmpty()) {
            return condition(CONTAINERS_READY, false, CONTAINERS_NOT_READY, String.join(", ", parts));
        }
        return condition(CONTAINERS_READY, true, null, null);
    }

    private static ContainerState state(ContainerStatus s) {
        return s.getState();
    }

    /** Go's {@code %s} of a string slice: {@code [a b]}. */
    static String goList(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    private static PodCondition condition(String type, boolean status, String reason, String message) {
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status ? "True" : "False");
        c.setReason(reason);
        c.setMessage(message);
        return c;
    }
}
