package dev.minipod.runtime.validate;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;

/**
 * Where a container sits: its field path ({@code spec.containers[1]}), whether it is an init
 * container, the pod, and the declared volume names.
 */
public record ContainerContext(String path, boolean init, Pod pod, Set<String> volumeNames) {

    /** True for an init container with {@code restartPolicy: Always}. */
    public boolean sidecar(io.fabric8.kubernetes.api.model.Container c) {
        return init && "Always".equals(c.getRestartPolicy());
    }
}
