package dev.minipod.runtime.sync;

import java.util.List;
import java.util.Objects;

/**
 * The slice of a pod's plan that the sync and status decisions read.
 *
 * @param name           pod name
 * @param namespace      pod namespace
 * @param uid            pod UID
 * @param restartPolicy  {@code Always}, {@code OnFailure} or {@code Never}
 * @param initContainers regular init containers in spec order (sidecars are not modelled yet)
 * @param containers     app containers in spec order
 */
public record PodPlanView(String name, String namespace, String uid, String restartPolicy,
                          List<ContainerView> initContainers, List<ContainerView> containers) {

    public PodPlanView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(uid, "uid");
        restartPolicy = restartPolicy == null ? RestartRules.ALWAYS : restartPolicy;
        initContainers = List.copyOf(initContainers);
        containers = List.copyOf(containers);
    }

    /** A plan view from container names only (no images, no probes); handy in tests. */
    public static PodPlanView ofNames(String name, String namespace, String uid, String restartPolicy,
                                      List<String> initNames, List<String> appNames) {
        return new PodPlanView(name, namespace, uid, restartPolicy,
                initNames.stream().map(ContainerView::named).toList(),
                appNames.stream().map(ContainerView::named).toList());
    }

    public List<String> initContainerNames() {
        return initContainers.stream().map(ContainerView::name).toList();
    }

    public List<String> containerNames() {
        return containers.stream().map(ContainerView::name).toList();
    }

    /** The CrashLoopBackOff key of one of this pod's containers. */
    public String backoffKey(String container) {
        return Backoff.key(name, namespace, uid, container);
    }

    /**
     * One container of the plan.
     *
     * @param name           container name
     * @param image          image reference as written in the spec
     * @param imageId        resolved image id (e.g. {@code sha256:...}); may be null before the image is known
     * @param readinessProbe true when the spec has a readinessProbe (ready then waits for probe results)
     * @param startupProbe   true when the spec has a startupProbe (started then waits for probe results)
     */
    public record ContainerView(String name, String image, String imageId, boolean readinessProbe,
                                boolean startupProbe) {
        public ContainerView {
            Objects.requireNonNull(name, "name");
        }

        public static ContainerView named(String name) {
            return new ContainerView(name, null, null, false, false);
        }
    }
}
