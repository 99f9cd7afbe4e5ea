package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.list;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The API server's Pod validation, as a list of small named checks run in the API's order:
 * metadata, volumes, containers, host ports, init containers, then pod-level fields. Expects a defaulted pod
 * ({@link dev.minipod.runtime.spec.PodDefaults#apply}). Reports every error at once.
 */
public final class PodValidator {
    private PodValidator() {}

    /** A named pod-level check. */
    public record Named<T>(String name, T check) {}

    static final List<Named<PodCheck>> METADATA = List.of(
            new Named<>("metadata.name", MetadataChecks::name),
            new Named<>("metadata.namespace", MetadataChecks::namespace),
            new Named<>("metadata.labels", MetadataChecks::labels),
            new Named<>("metadata.annotations", MetadataChecks::annotations));

    static final List<Named<PodCheck>> BEFORE_CONTAINERS = List.of(
            new Named<>("volumes", VolumeChecks::volumes),
            new Named<>("containers required", SpecChecks::containersRequired));

    /** What every container gets (validateContainerCommon's order). */
    static final List<Named<ContainerCheck>> COMMON = List.of(
            new Named<>("container name", ContainerChecks::name),
            new Named<>("image", ContainerChecks::image),
            new Named<>("terminationMessagePolicy", ContainerChecks::terminationMessagePolicy),
            new Named<>("ports", PortChecks::ports),
            new Named<>("env", EnvChecks::env),
            new Named<>("volumeMounts", VolumeMountChecks::volumeMounts),
            new Named<>("imagePullPolicy", ContainerChecks::imagePullPolicy),
            new Named<>("resources", ResourceChecks::resources),
            new Named<>("securityContext", SecurityChecks::container));

    static final List<Named<ContainerCheck>> APP_CONTAINER = concat(COMMON, List.of(
            new Named<>("unique container name", ContainerChecks::uniqueName),
            new Named<>("lifecycle", ProbeChecks::lifecycle),
            new Named<>("probes", ProbeChecks::probes),
            new Named<>("named ports", ProbeChecks::namedPorts),
            new Named<>("container restartPolicy", ContainerChecks::restartPolicy)));

    static final List<Named<ContainerCheck>> INIT_CONTAINER = concat(COMMON, List.of(
            new Named<>("container restartPolicy", ContainerChecks::restartPolicy),
            new Named<>("unique container name", ContainerChecks::uniqueName),
            new Named<>("init container hooks", ProbeChecks::initContainerHooks),
            new Named<>("lifecycle", ProbeChecks::lifecycle),
            new Named<>("probes", ProbeChecks::probes)));

    static final List<Named<PodCheck>> BETWEEN_CONTAINERS = List.of(
            new Named<>("hostPort conflicts", SpecChecks::hostPortConflicts));

    static final List<Named<PodCheck>> AFTER_CONTAINERS = List.of(
            new Named<>("hostNetwork ports", SpecChecks::hostNetworkPorts),
            new Named<>("restartPolicy", SpecChecks::restartPolicy),
            new Named<>("dnsPolicy", SpecChecks::dnsPolicy),
            new Named<>("dnsConfig", DnsChecks::dnsConfig),
            new Named<>("activeDeadlineSeconds", SpecChecks::activeDeadlineSeconds),
            new Named<>("terminationGracePeriodSeconds", SpecChecks::terminationGracePeriodSeconds),
            new Named<>("image whitespace", SpecChecks::imageWhitespace),
            new Named<>("securityContext", SecurityChecks::pod));

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** Every field error of a defaulted pod, in the API server's order; empty when valid. */
    public static List<FieldError> validate(Pod pod) {
        if (pod.getSpec() == null) pod = new io.fabric8.kubernetes.api.model.PodBuilder(pod).withSpec(new PodSpec()).build();
        List<FieldError> out = new ArrayList<>();
        for (Named<PodCheck> c : METADATA) c.check().check(pod, out);
        for (Named<PodCheck> c : BEFORE_CONTAINERS) c.check().check(pod, out);
        Set<String> volumeNames = new LinkedHashSet<>();
        for (Volume v : list(pod.getSpec().getVolumes())) if (v.getName() != null) volumeNames.add(v.getName());
        runContainers(pod, list(pod.getSpec().getContainers()), "spec.containers", false, volumeNames, out);
        for (Named<PodCheck> c : BETWEEN_CONTAINERS) c.check().check(pod, out);
        runContainers(pod, list(pod.getSpec().getInitContainers()), "spec.initContainers", true, volumeNames, out);
        for (Named<PodCheck> c : AFTER_CONTAINERS) c.check().check(pod, out);
        return dedup(out);
    }

    /** Throws {@link InvalidPodException} when {@link #validate} finds anything. */
    public static void requireValid(Pod pod) {
        List<FieldError> errors = validate(pod);
        if (!errors.isEmpty()) throw new InvalidPodException(podName(pod), errors);
    }

    static String podName(Pod pod) {
        return pod.getMetadata() == null || pod.getMetadata().getName() == null ? "" : pod.getMetadata().getName();
    }

    private static void runContainers(Pod pod, List<Container> cs, String base, boolean init, Set<String> volumes,
                                      List<FieldError> out) {
        for (int i = 0; i < cs.size(); i++) {
            ContainerContext ctx = new ContainerContext(base + "[" + i + "]", init, pod, volumes);
            for (Named<ContainerCheck> c : init ? INIT_CONTAINER : APP_CONTAINER) c.check().check(cs.get(i), ctx, out);
        }
    }

    /** Identical messages are reported once, as the API's aggregate does. */
    private static List<FieldError> dedup(List<FieldError> errors) {
        Set<String> seen = new java.util.HashSet<>();
        List<FieldError> out = new ArrayList<>();
        for (FieldError e : errors) if (seen.add(e.toString())) out.add(e);
        return out;
    }
}
