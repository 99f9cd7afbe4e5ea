package dev.minipod.runtime.volume;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.ObjectSource;
import dev.minipod.runtime.plan.ContainerEnv;
import dev.minipod.runtime.plan.NodeAllocatable;
import dev.minipod.runtime.plan.PodFields;
import dev.minipod.runtime.plan.ResourceFieldValue;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeProjection;

/**
 * The files of a projected volume (pure), as the kubelet's configmap, secret, downwardapi and
 * projected plugins make them: without {@code items} every key becomes a file of that name; with
 * {@code items} only those keys, at their {@code path}; the item's {@code mode}, else the volume's
 * defaultMode. A missing object is an error unless optional (then it adds no files); a missing
 * item key likewise. Errors carry reason {@code FailedMount} and the kubelet's text.
 */
public final class Payloads {
    public static final String FAILED_MOUNT = "FailedMount";

    private Payloads() {}

    /** What a payload reads: the pod's objects, its field values and the node. */
    public record Context(Pod pod, ObjectSource objects, PodFields fields, NodeAllocatable node) {}

    public static Map<String, FileProjection> of(VolumePlan.Projected v, Context ctx) {
        Map<String, FileProjection> out = new LinkedHashMap<>();
        for (VolumeProjection s : v.sources()) {
            if (s.getConfigMap() != null) configMap(s.getConfigMap().getName(), s.getConfigMap().getItems(),
                    Boolean.TRUE.equals(s.getConfigMap().getOptional()), v.defaultMode(), ctx, out);
            else if (s.getSecret() != null) secret(s.getSecret().getName(), s.getSecret().getItems(),
                    Boolean.TRUE.equals(s.getSecret().getOptional()), v.defaultMode(), ctx, out);
            else if (s.getDownwardAPI() != null) downwardAPI(s.getDownwardAPI().getItems(), v.defaultMode(), ctx, out);
        }
        return out;
    }

    private static void configMap(String name, List<KeyToPath> items, boolean optional, int defaultMode, Context ctx,
                                  Map<String, FileProjection> out) {
        Optional<ConfigMap> cm = ctx.objects().configMap(ctx.pod().getMetadata().getNamespace(), name);
        if (cm.isEmpty() && !optional) throw failure(ContainerEnv.notFound("configmap", name).getMessage());
        Map<String, byte[]> data = new LinkedHashMap<>();
        cm.ifPresent(c -> {
            if (c.getData() != null) c.getData().forEach((k, val) -> data.put(k, val.getBytes(StandardCharsets.UTF_8)));
            if (c.getBinaryData() != null) c.getBinaryData().forEach((k, val) -> data.put(k, Base64.getDecoder().decode(val)));
        });
        keys(data, items, optional, defaultMode, "configmap references non-existent config key: ", out);
    }

    private static void secret(String name, List<KeyToPath> items, boolean optional, int defaultMode, Context ctx,
                               Map<String, FileProjection> out) {
        Optional<Secret> s = ctx.objects().secret(ctx.pod().getMetadata().getNamespace(), name);
        if (s.isEmpty() && !optional) throw failure(ContainerEnv.notFound("secret", name).getMessage());
        Map<String, byte[]> data = new LinkedHashMap<>();
        s.ifPresent(sec -> {
            if (sec.getData() != null) sec.getData().forEach((k, val) -> data.put(k, Base64.getDecoder().decode(val)));
        });
        keys(data, items, optional, defaultMode, "references non-existent secret key: ", out);
    }

    private static void keys(Map<String, byte[]> data, List<KeyToPath> items, boolean optional, int defaultMode,
                             String missingKey, Map<String, FileProjection> out) {
        if (items == null || items.isEmpty()) {
            data.forEach((k, bytes) -> out.put(k, new FileProjection(bytes, defaultMode)));
            return;
        }
        for (KeyToPath item : items) {
            byte[] bytes = data.get(item.getKey());
            if (bytes == null) {
                if (optional) continue;
                throw failure(missingKey + item.getKey());
            }
            out.put(item.getPath(), new FileProjection(bytes, item.getMode() != null ? item.getMode() : defaultMode));
        }
    }

    private static void downwardAPI(List<DownwardAPIVolumeFile> items, int defaultMode, Context ctx, Map<String, FileProjection> out) {
        for (DownwardAPIVolumeFile f : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            String value;
            if (f.getFieldRef() != null) {
                value = ctx.fields().resolve(f.getFieldRef().getFieldPath());
            } else if (f.getResourceFieldRef() != null) {
                value = ResourceFieldValue.of(f.getResourceFieldRef(), container(ctx.pod(), f.getResourceFieldRef().getContainerName()), ctx.node());
            } else {
                continue;
            }
            out.put(f.getPath(), new FileProjection((value == null ? "" : value).getBytes(StandardCharsets.UTF_8),
                    f.getMode() != null ? f.getMode() : defaultMode));
        }
    }

    private static Container container(Pod pod, String name) {
        return java.util.stream.Stream.concat(pod.getSpec().getContainers().stream(),
                        pod.getSpec().getInitContainers() == null ? java.util.stream.Stream.empty() : pod.getSpec().getInitContainers().stream())
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> failure("container " + name + " not found"));
    }

    static MinipodException failure(String message) {
        return new MinipodException(FAILED_MOUNT, 1, message);
    }
}
