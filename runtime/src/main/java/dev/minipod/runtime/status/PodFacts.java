package dev.minipod.runtime.status;

import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;

/**
 * Pod-level facts the status needs beyond the container records.
 *
 * @param startTime    when the kubelet-equivalent first acknowledged the pod (null: not yet)
 * @param podIP        the sandbox IP, or null
 * @param hostIP       the node IP, or null
 * @param qosClass     {@code Guaranteed}, {@code Burstable} or {@code BestEffort}
 * @param sandboxReady the sandbox exists with networking (PodReadyToStartContainers)
 * @param terminal     the pod will not run again (PodActions.podTerminal, or deleted and stopped)
 * @param previous     the previously reported status, or null: keeps lastTransitionTime, terminal phase,
 *                     and status reason/message while the phase is unchanged
 * @param probes       probe verdicts of running containers by name (absent: no probe results yet)
 */
public record PodFacts(Instant startTime, String podIP, String hostIP, String qosClass, boolean sandboxReady,
                       boolean terminal, PodStatus previous, java.util.Map<String, ProbeView> probes) {

    /** What a running container's probes say: ready (readiness) and started (startup). */
    public record ProbeView(boolean ready, boolean started) {}

    public PodFacts(Instant startTime, String podIP, String hostIP, String qosClass, boolean sandboxReady,
                    boolean terminal, PodStatus previous) {
        this(startTime, podIP, hostIP, qosClass, sandboxReady, terminal, previous, java.util.Map.of());
    }
}
