package dev.minipod.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.image.Image;
import dev.minipod.runtime.security.SecurityPlan;
import dev.minipod.runtime.security.SecurityPlanner;
import dev.minipod.runtime.validate.FieldError;
import dev.minipod.runtime.validate.InvalidPodException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Decides everything about a validated, defaulted pod before anything is created (pure, apart from
 * the image lookup it is handed): hostname, container argv/env by the Kubernetes rules, layers,
 * mounts. Missing images are all reported at once, each naming its field.
 */
public final class PodPlanner {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private PodPlanner() {}

    public static PodPlan plan(Pod pod, Function<String, Optional<Image>> images, FieldResolverFactory fields) {
        return plan(pod, images, fields, SecurityPlanner.hostless());
    }

    /** Also decides each container's security; node-dependent refusals are {@link InvalidPodException}s. */
    public static PodPlan plan(Pod pod, Function<String, Optional<Image>> images, FieldResolverFactory fields,
                               SecurityPlanner security) {
        PodSpec spec = pod.getSpec();
        List<String> missing = new ArrayList<>();
        List<FieldError> refused = new ArrayList<>();
        Containers ctx = new Containers(pod, images, missing, fields.forPod(pod), security, refused);
        List<ContainerPlan> init = containers(spec.getInitContainers(), true, "spec.initContainers", ctx);
        List<ContainerPlan> app = containers(spec.getContainers(), false, "spec.containers", ctx);
        if (!missing.isEmpty()) {
            throw MinipodException.notFound(String.join("\n", missing));
        }
        if (!refused.isEmpty()) {
            throw new InvalidPodException(pod.getMetadata().getName(), refused);
        }
        List<String> emptyDirs = spec.getVolumes() == null ? List.of()
                : spec.getVolumes().stream().filter(v -> v.getEmptyDir() != null).map(Volume::getName).toList();
        return new PodPlan(
                pod.getMetadata().getUid(),
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                hostname(pod),
                spec.getRestartPolicy(),
                Boolean.TRUE.equals(spec.getShareProcessNamespace()),
                spec.getTerminationGracePeriodSeconds() == null ? 30 : spec.getTerminationGracePeriodSeconds(),
                init, app, emptyDirs, hostAliases(spec), spec.getActiveDeadlineSeconds(), qosClass(spec),
                Boolean.TRUE.equals(spec.getHostPID()), Boolean.TRUE.equals(spec.getHostIPC()));
    }

    /** status.qosClass: from every container of the spec, found images or not. */
    static String qosClass(PodSpec spec) {
        List<ContainerResources> all = new ArrayList<>();
        for (List<Container> list : java.util.Arrays.asList(spec.getInitContainers(), spec.getContainers())) {
            if (list != null) {
                list.forEach(c -> all.add(ContainerResources.of(c)));
            }
        }
        return QosClass.of(all);
    }

    /** Produces the values of fieldRefs (metadata.name, status.podIP, ...) for one pod. */
    public interface FieldResolverFactory {
        EnvExpander.FieldResolver forPod(Pod pod);
    }

    /** Kubelet: spec.hostname or the pod name, cut to 63 characters without a trailing '-' or '.'. */
    static String hostname(Pod pod) {
        String h = pod.getSpec().getHostname();
        if (h == null || h.isEmpty()) {
            h = pod.getMetadata().getName();
        }
        if (h.length() > 63) {
            h = h.substring(0, 63).replaceAll("[-.]+$", "");
        }
        return h;
    }

    private static List<String> hostAliases(PodSpec spec) {
        if (spec.getHostAliases() == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (HostAlias a : spec.getHostAliases()) {
            lines.add(a.getIp() + "\t" + String.join("\t", a.getHostnames()));
        }
        return lines;
    }

    /** What planning the containers of one pod needs. */
    private record Containers(Pod pod, Function<String, Optional<Image>> images, List<String> missing,
                              EnvExpander.FieldResolver fieldValues, SecurityPlanner security, List<FieldError> refused) {}

    private static List<ContainerPlan> containers(List<Container> list, boolean init, String field, Containers ctx) {
        List<ContainerPlan> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Container c = list.get(i);
            Optional<Image> image = ctx.images().apply(c.getImage());
            if (image.isEmpty()) {
                ctx.missing().add("image \"" + c.getImage() + "\" not found (" + field + "[" + i + "].image); import it with `minipod import DIR "
                        + c.getImage() + "`");
                continue;
            }
            SecurityPlan security = ctx.security().plan(ctx.pod(), c, field + "[" + i + "]", image.get().config().user(),
                    ctx.refused());
            out.add(container(c, init, image.get(), ctx.fieldValues(), security));
        }
        return out;
    }

    private static ContainerPlan container(Container c, boolean init, Image image, EnvExpander.FieldResolver fieldValues,
                                           SecurityPlan security) {
        Map<String, String> own = EnvExpander.containerEnv(c.getEnv(), fieldValues);
        List<String> env = withDefaultPath(EnvExpander.merge(image.config().env(), own));
        List<String> argv = CommandResolver.resolve(c, image.config().entrypoint(), image.config().cmd(), own);
        String workingDir = c.getWorkingDir() != null && !c.getWorkingDir().isEmpty() ? c.getWorkingDir() : image.config().workingDir();
        List<ContainerPlan.VolumeMountPlan> mounts = new ArrayList<>();
        if (c.getVolumeMounts() != null) {
            for (VolumeMount m : c.getVolumeMounts()) {
                mounts.add(new ContainerPlan.VolumeMountPlan(m.getName(), m.getMountPath(), Boolean.TRUE.equals(m.getReadOnly())));
            }
        }
        return new ContainerPlan(c.getName(), init, image.name(), image.imageId(), image.layersBottomToTop(), argv, env,
                workingDir, image.config().user(), searchPath(env), mounts,
                c.getTerminationMessagePath() == null ? "" : c.getTerminationMessagePath(),
                "FallbackToLogsOnError".equals(c.getTerminationMessagePolicy()),
                c.getLifecycle() == null ? null : Hook.of(c.getLifecycle().getPostStart()),
                c.getLifecycle() == null ? null : Hook.of(c.getLifecycle().getPreStop()),
                ContainerResources.of(c), security);
    }

    /** Like containerd: an image without PATH gets the default one, first. */
    private static List<String> withDefaultPath(List<String> env) {
        if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
            return env;
        }
        List<String> out = new ArrayList<>();
        out.add("PATH=" + DEFAULT_PATH);
        out.addAll(env);
        return out;
    }

    private static String searchPath(List<String> env) {
        for (int i = env.size() - 1; i >= 0; i--) {
            if (env.get(i).startsWith("PATH=")) {
                return env.get(i).substring(5);
            }
        }
        return DEFAULT_PATH;
    }
}
