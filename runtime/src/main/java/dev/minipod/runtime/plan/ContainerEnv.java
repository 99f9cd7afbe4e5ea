package dev.minipod.runtime.plan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.ObjectSource;
import dev.minipod.runtime.validate.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * A container's own environment, computed when it starts (kubelet makeEnvironmentVariables), so a
 * ConfigMap or Secret created after the pod is seen, and a later change is not:
 * <ol>
 *   <li>{@code envFrom} sources in order, each key with the source's prefix; a later source
 *       overwrites an earlier key; a missing optional source is skipped; keys that are not valid
 *       variable names are skipped and reported (InvalidEnvironmentVariableNames);</li>
 *   <li>{@code env} entries in order: {@code value} is {@code $(VAR)}-expanded against everything
 *       defined so far; {@code valueFrom} is looked up and never expanded; a missing optional
 *       configMap/secret or key leaves the variable out.</li>
 * </ol>
 * A missing non-optional object or key fails with reason {@code CreateContainerConfigError} and
 * the kubelet's message ({@code configmap "x" not found}, {@code couldn't find key k in ConfigMap ns/x}).
 */
public final class ContainerEnv {
    public static final String CONFIG_ERROR = "CreateContainerConfigError";

    private ContainerEnv() {}

    /** What a resolution needs besides the container: the pod, its field values, objects and node. */
    public record Context(Pod pod, EnvExpander.FieldResolver fields, ObjectSource objects, NodeAllocatable node) {
        String namespace() { return pod.getMetadata().getNamespace(); }

        /** A container of the pod by name (a resourceFieldRef may name another one). */
        Container container(String name) {
            return java.util.stream.Stream.concat(pod.getSpec().getContainers().stream(),
                            pod.getSpec().getInitContainers() == null ? java.util.stream.Stream.empty() : pod.getSpec().getInitContainers().stream())
                    .filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> error("container " + name + " not found"));
        }
    }

    /**
     * @param vars     the variables, in first-definition order
     * @param warnings kubelet InvalidEnvironmentVariableNames event messages
     */
    public record Result(Map<String, String> vars, List<String> warnings) {}

    public static Result resolve(Container c, Context ctx) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            envFrom(from, ctx, vars, warnings);
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            String value = e.getValue() == null ? "" : e.getValue();
            if (!value.isEmpty()) {
                vars.put(e.getName(), EnvExpander.expand(value, vars));
            } else if (e.getValueFrom() != null) {
                valueFrom(e.getValueFrom(), c, ctx).ifPresent(v -> vars.put(e.getName(), v));
            } else {
                vars.put(e.getName(), "");
            }
        }
        return new Result(vars, warnings);
    }

    private static void envFrom(EnvFromSource from, ContainerEnv.Context ctx, Map<String, String> vars, List<String> warnings) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        Map<String, String> data;
        String kind;
        String name;
        if (from.getConfigMapRef() != null) {
            kind = "configMap";
            name = from.getConfigMapRef().getName();
            Optional<ConfigMap> cm = ctx.objects().configMap(ctx.namespace(), name);
            if (cm.isEmpty()) {
                if (Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) return;
                throw notFound("configmap", name);
            }
            data = cm.get().getData() == null ? Map.of() : cm.get().getData();
        } else if (from.getSecretRef() != null) {
            kind = "secret";
            name = from.getSecretRef().getName();
            Optional<Secret> s = ctx.objects().secret(ctx.namespace(), name);
            if (s.isEmpty()) {
                if (Boolean.TRUE.equals(from.getSecretRef().getOptional())) return;
                throw notFound("secret", name);
            }
            data = secretData(s.get());
        } else {
            return;
        }
        TreeSet<String> invalid = new TreeSet<>();
        data.forEach((k, v) -> {
            String key = prefix + k;
            if (!Names.envVarName(key).isEmpty()) invalid.add(key);
            else vars.put(key, v);
        });
        if (!invalid.isEmpty()) {
            warnings.add("Keys [" + String.join(", ", invalid) + "] from the EnvFrom " + kind + " " + ctx.namespace() + "/" + name
                    + " were skipped since they are considered invalid environment variable names.");
        }
    }

    private static Optional<String> valueFrom(EnvVarSource src, Container c, ContainerEnv.Context ctx) {
        if (src.getFieldRef() != null) {
            String v = ctx.fields().resolve(src.getFieldRef().getFieldPath());
            return Optional.of(v == null ? "" : v);
        }
        if (src.getResourceFieldRef() != null) {
            String other = src.getResourceFieldRef().getContainerName();
            Container target = other == null || other.isEmpty() ? c : ctx.container(other);
            return Optional.of(ResourceFieldValue.of(src.getResourceFieldRef(), target, ctx.node()));
        }
        if (src.getConfigMapKeyRef() != null) {
            var ref = src.getConfigMapKeyRef();
            return keyRef("configmap", "ConfigMap", ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()), ctx,
                    ctx.objects().configMap(ctx.namespace(), ref.getName()).map(cm -> cm.getData() == null ? Map.<String, String>of() : cm.getData()));
        }
        if (src.getSecretKeyRef() != null) {
            var ref = src.getSecretKeyRef();
            return keyRef("secret", "Secret", ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()), ctx,
                    ctx.objects().secret(ctx.namespace(), ref.getName()).map(ContainerEnv::secretData));
        }
        return Optional.of("");
    }

    /** One key of a ConfigMap's or Secret's data ({@code data} empty: the object is missing). */
    private static Optional<String> keyRef(String resource, String kind, String name, String key, boolean optional,
                                           ContainerEnv.Context ctx, Optional<Map<String, String>> data) {
        if (data.isEmpty()) {
            if (optional) return Optional.empty();
            throw notFound(resource, name);
        }
        String v = data.get().get(key);
        if (v == null && !optional) {
            throw error("couldn't find key " + key + " in " + kind + " " + ctx.namespace() + "/" + name);
        }
        return Optional.ofNullable(v);
    }

    /** A Secret's values as text: {@code data} is base64 in the API object. */
    public static Map<String, String> secretData(Secret s) {
        Map<String, String> out = new LinkedHashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The kubelet's object managers name the resource in the singular: {@code configmap "x" not found}. */
    public static MinipodException notFound(String resource, String name) {
        return error(resource + " \"" + name + "\" not found");
    }

    private static MinipodException error(String message) {
        return new MinipodException(CONFIG_ERROR, 1, message);
    }
}
