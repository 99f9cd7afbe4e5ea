package dev.minipod.runtime.plan;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A pod, fully decided: identity, sandbox settings, containers in start order, volumes.
 *
 * @param emptyDirs names of the pod's emptyDir volumes
 * @param hostAliases lines "IP\thost1\thost2" for /etc/hosts
 * @param activeDeadlineSeconds how long the pod may be active on the node, or null
 * @param qosClass Guaranteed, Burstable or BestEffort ({@link QosClass})
 * @param hostPID, hostIPC the pod uses the host's pid / ipc namespace instead of its own
 */
public record PodPlan(
        String uid,
        String namespace,
        String name,
        String hostname,
        String restartPolicy,
        boolean shareProcessNamespace,
        long terminationGracePeriodSeconds,
        List<ContainerPlan> initContainers,
        List<ContainerPlan> containers,
        List<String> emptyDirs,
        List<String> hostAliases,
        Long activeDeadlineSeconds,
        String qosClass,
        boolean hostPID,
        boolean hostIPC) {

    public Stream<ContainerPlan> all() {
        return Stream.concat(initContainers.stream(), containers.stream());
    }

    /** The resources of the init containers, in spec order (pod cgroup sizing). */
    public List<ContainerResources> initResources() {
        return initContainers.stream().map(ContainerPlan::resources).toList();
    }

    /** The resources of the app containers, in spec order. */
    public List<ContainerResources> appResources() {
        return containers.stream().map(ContainerPlan::resources).toList();
    }

    public Optional<ContainerPlan> container(String name) {
        return all().filter(c -> c.name().equals(name)).findFirst();
    }
}
