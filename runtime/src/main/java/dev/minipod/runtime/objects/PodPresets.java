package dev.minipod.runtime.objects;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.spec.PodJson;
import dev.minipod.runtime.validate.FieldError;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * The PodPreset admission plugin (plugin/pkg/admission/podpreset, Kubernetes 1.8-1.19): the presets
 * whose selector matches a new pod's labels are merged into it. env, volumeMounts (by name and by
 * path) and volumes (by name) conflict when an entry of the same key differs; envFrom is appended.
 * One conflict anywhere leaves the pod entirely unmodified and is reported as a Warning event.
 */
public final class PodPresets {
    static final String ANNOTATION_PREFIX = "podpreset.admission.kubernetes.io";
    static final String EXCLUDE = ANNOTATION_PREFIX + "/exclude";
    static final String MIRROR = "kubernetes.io/config.mirror";

    private PodPresets() {}

    /** The pod after admission, and the conflict message (null when none) for a `PodPreset` Warning event. */
    public record Result(Pod pod, String conflict) {}

    /** One preset decoded: name, resourceVersion, selector and what it injects. */
    record Preset(String name, String resourceVersion, JsonNode selector, List<EnvVar> env, List<EnvFromSource> envFrom,
                  List<Volume> volumes, List<VolumeMount> volumeMounts) {}

    static Preset decode(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        ObjectMapper json = PodJson.json();
        try {
            return new Preset(obj.path("metadata").path("name").asText(), obj.path("metadata").path("resourceVersion").asText(""),
                    spec.path("selector"),
                    json.convertValue(spec.path("env").isArray() ? spec.get("env") : json.createArrayNode(), new TypeReference<List<EnvVar>>() {}),
                    json.convertValue(spec.path("envFrom").isArray() ? spec.get("envFrom") : json.createArrayNode(), new TypeReference<List<EnvFromSource>>() {}),
                    json.convertValue(spec.path("volumes").isArray() ? spec.get("volumes") : json.createArrayNode(), new TypeReference<List<Volume>>() {}),
                    json.convertValue(spec.path("volumeMounts").isArray() ? spec.get("volumeMounts") : json.createArrayNode(), new TypeReference<List<VolumeMount>>() {}));
        } catch (IllegalArgumentException e) {
            throw new MinipodException("BadRequest", 2, "PodPreset in version \"v1alpha1\" cannot be handled as a PodPreset: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** settings/validation: a valid selector and something to inject. */
    static void validate(ObjectNode obj, List<FieldError> out) {
        Preset p = decode(obj);
        LabelSelectors.validate(p.selector(), "spec.selector", out);
        if (p.env().isEmpty() && p.envFrom().isEmpty() && p.volumes().isEmpty() && p.volumeMounts().isEmpty()) {
            out.add(FieldError.required("spec", "must specify at least one"));
        }
        for (int i = 0; i < p.volumeMounts().size(); i++) {
            VolumeMount m = p.volumeMounts().get(i);
            if (m.getName() == null || m.getName().isEmpty()) out.add(FieldError.required("spec.volumeMounts[" + i + "].name", ""));
            if (m.getMountPath() == null || m.getMountPath().isEmpty()) out.add(FieldError.required("spec.volumeMounts[" + i + "].mountPath", ""));
        }
        for (int i = 0; i < p.env().size(); i++) {
            if (p.env().get(i).getName() == null || p.env().get(i).getName().isEmpty()) out.add(FieldError.required("spec.env[" + i + "].name", ""));
        }
    }

    /** Admits a new pod: presets are those of its namespace, in name order. */
    public static Result apply(Pod pod, List<ObjectNode> presetObjects) {
        if (presetObjects.isEmpty() || pod.getMetadata() == null) return new Result(pod, null);
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
        if ("true".equals(annotations.get(EXCLUDE)) || annotations.containsKey(MIRROR) || pod.getSpec() == null) {
            return new Result(pod, null);
        }
        JsonNode labels = PodJson.json().valueToTree(pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels());
        List<Preset> matching = presetObjects.stream().map(PodPresets::decode)
                .filter(p -> LabelSelectors.matches(p.selector(), labels)).toList();
        if (matching.isEmpty()) return new Result(pod, null);
        Pod merged = PodJson.copy(pod, Pod.class);
        List<String> errors = new ArrayList<>();
        merged.getSpec().setVolumes(merge(merged.getSpec().getVolumes(), matching, Preset::volumes, "volumes", Volume::getName, errors));
        for (Container c : merged.getSpec().getContainers()) {
            c.setEnv(merge(c.getEnv(), matching, Preset::env, "env", EnvVar::getName, errors));
            checkMountPaths(c.getVolumeMounts(), matching, errors);
            c.setVolumeMounts(merge(c.getVolumeMounts(), matching, Preset::volumeMounts, "volume mounts", VolumeMount::getName, errors));
            List<EnvFromSource> envFrom = new ArrayList<>(c.getEnvFrom() == null ? List.of() : c.getEnvFrom());
            matching.forEach(p -> envFrom.addAll(p.envFrom()));
            c.setEnvFrom(envFrom);
        }
        String names = String.join(",", matching.stream().map(Preset::name).toList());
        if (!errors.isEmpty()) {
            String err = errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
            String generateName = pod.getMetadata().getGenerateName() == null ? "" : pod.getMetadata().getGenerateName();
            return new Result(pod, "conflict occurred while applying podpresets: " + names + " on pod: " + generateName + " err: " + err);
        }
        Map<String, String> withAnnotations = new LinkedHashMap<>(annotations);
        matching.forEach(p -> withAnnotations.put(ANNOTATION_PREFIX + "/podpreset-" + p.name(), p.resourceVersion()));
        merged.getMetadata().setAnnotations(withAnnotations);
        return new Result(merged, null);
    }

    /** Entries of the presets added by key; an entry whose key exists with a different value is a conflict. */
    private static <T> List<T> merge(List<T> own, List<Preset> presets, Function<Preset, List<T>> of, String what,
                                     Function<T, String> key, List<String> errors) {
        Map<String, T> byKey = new LinkedHashMap<>();
        List<T> merged = new ArrayList<>(own == null ? List.of() : own);
        merged.forEach(t -> byKey.put(key.apply(t), t));
        for (Preset p : presets) {
            for (T t : of.apply(p)) {
                T found = byKey.get(key.apply(t));
                if (found == null) {
                    byKey.put(key.apply(t), t);
                    merged.add(t);
                } else if (!found.equals(t)) {
                    errors.add(conflict(what, p.name(), key.apply(t), t, found));
                }
            }
        }
        return merged;
    }

    /** The mount path check of mergeVolumeMounts: two different mounts may not share a path. */
    private static void checkMountPaths(List<VolumeMount> own, List<Preset> presets, List<String> errors) {
        Map<String, VolumeMount> byPath = new LinkedHashMap<>();
        (own == null ? List.<VolumeMount>of() : own).forEach(m -> byPath.put(m.getMountPath(), m));
        for (Preset p : presets) {
            for (VolumeMount m : p.volumeMounts()) {
                VolumeMount found = byPath.putIfAbsent(m.getMountPath(), m);
                if (found != null && !found.equals(m)) {
                    errors.add(conflict("volume mounts", p.name(), "mount path " + m.getMountPath(), m, found));
                }
            }
        }
    }

    private static String conflict(String what, String preset, String key, Object mine, Object found) {
        return "merging " + what + " for " + preset + " has a conflict on " + key + ": \n" + PodJson.toJson(mine)
                + "\ndoes not match\n" + PodJson.toJson(found) + "\n in container";
    }
}
