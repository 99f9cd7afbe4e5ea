package dev.minipod.runtime.daemon;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.minipod.runtime.network.HostPorts;
import dev.minipod.runtime.network.PortMappings;
import dev.minipod.runtime.status.Rfc3339;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;

/**
 * Pods the node cannot take yet because their hostPorts are in use, held the way the scheduler
 * leaves them: Pending, no node, PodScheduled=False with reason Unschedulable. They are scheduled,
 * in arrival order, when a pod holding the ports goes away. Callers synchronize.
 */
final class Unschedulable {
    private final Map<String, Pod> pods = new LinkedHashMap<>();

    /** Whether {@code pod}'s hostPorts clash with those of the live pods. */
    static boolean portsBusy(Pod pod, Collection<Pod> live) {
        var wanted = PortMappings.of(pod.getSpec());
        if (wanted.isEmpty()) {
            return false;
        }
        return live.stream()
                .filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
                .anyMatch(p -> HostPorts.clash(wanted, PortMappings.of(p.getSpec())));
    }

    /** Holds the pod; returns it as the API shows it. */
    Pod hold(String key, Pod pod, Instant now) {
        Pod p = new PodBuilder(pod).withNewStatus().withPhase("Pending").withQosClass("BestEffort")
                .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                        .withMessage(HostPorts.UNSCHEDULABLE_MESSAGE).withLastTransitionTime(Rfc3339.format(now)).build())
                .endStatus().build();
        pods.put(key, p);
        return p;
    }

    /** A held pod's metadata changed (an update): it stays held as it is now. */
    void replace(String key, Pod pod) {
        pods.replace(key, pod);
    }

    Pod get(String key) {
        return pods.get(key);
    }

    Pod remove(String key) {
        return pods.remove(key);
    }

    List<Pod> all() {
        return List.copyOf(pods.values());
    }
}
