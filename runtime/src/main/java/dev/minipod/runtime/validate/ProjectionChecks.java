package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.list;

import dev.minipod.runtime.spec.Quantities;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Items of configMap, secret, downwardAPI and projected volumes (validateKeyToPath,
 * validateDownwardAPIVolumeFile, validateProjectionSources), and resourceFieldRef divisors. Item
 * paths are local, not starting with {@code ..}; modes 0-0777; within one volume two items may not
 * share a path (the API checks this across projected sources only; minipod refuses it in every
 * kind, as one file would silently win).
 */
final class ProjectionChecks {
    private ProjectionChecks() {}

    static final List<String> RESOURCES = List.of("limits.cpu", "limits.ephemeral-storage", "limits.memory",
            "requests.cpu", "requests.ephemeral-storage", "requests.memory");
    private static final Set<String> CPU_DIVISORS = Set.of("1m", "1");
    private static final Set<String> MEMORY_DIVISORS = Set.of("1", "1k", "1M", "1G", "1T", "1P", "1E",
            "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei");
    static final List<String> VOLUME_FIELD_PATHS = List.of("metadata.annotations", "metadata.labels", "metadata.name",
            "metadata.namespace", "metadata.uid");

    static void keyToPaths(List<KeyToPath> items, String path, Set<String> seen, List<FieldError> out) {
        for (int i = 0; i < list(items).size(); i++) {
            KeyToPath item = items.get(i);
            String p = path + "[" + i + "]";
            if (empty(item.getKey())) out.add(FieldError.required(p + ".key", ""));
            itemPath(item.getPath(), p + ".path", seen, out);
            mode(item.getMode(), p + ".mode", out);
        }
    }

    static void downwardAPIFiles(List<DownwardAPIVolumeFile> items, String path, Set<String> seen, List<FieldError> out) {
        for (int i = 0; i < list(items).size(); i++) {
            DownwardAPIVolumeFile f = items.get(i);
            String p = path + "[" + i + "]";
            itemPath(f.getPath(), p + ".path", seen, out);
            mode(f.getMode(), p + ".mode", out);
            if (f.getFieldRef() != null && f.getResourceFieldRef() != null) {
                out.add(FieldError.invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
            } else if (f.getFieldRef() != null) {
                volumeFieldRef(f.getFieldRef().getApiVersion(), f.getFieldRef().getFieldPath(), p + ".fieldRef", out);
            } else if (f.getResourceFieldRef() != null) {
                if (empty(f.getResourceFieldRef().getContainerName())) {
                    out.add(FieldError.required(p + ".resourceFieldRef.containerName", ""));
                }
                resourceFieldRef(f.getResourceFieldRef(), p + ".resourceFieldRef", out);
            } else {
                out.add(FieldError.required(p, "one of fieldRef and resourceFieldRef is required"));
            }
        }
    }

    static void projected(List<VolumeProjection> sources, String path, List<FieldError> out) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list(sources).size(); i++) {
            VolumeProjection s = sources.get(i);
            String p = path + ".sources[" + i + "]";
            int kinds = 0;
            if (s.getSecret() != null) {
                kinds++;
                if (empty(s.getSecret().getName())) out.add(FieldError.required(p + ".secret.name", ""));
                keyToPaths(s.getSecret().getItems(), p + ".secret.items", seen, out);
            }
            if (s.getConfigMap() != null) {
                kinds++;
                if (empty(s.getConfigMap().getName())) out.add(FieldError.required(p + ".configMap.name", ""));
                keyToPaths(s.getConfigMap().getItems(), p + ".configMap.items", seen, out);
            }
            if (s.getDownwardAPI() != null) {
                kinds++;
                downwardAPIFiles(s.getDownwardAPI().getItems(), p + ".downwardAPI.items", seen, out);
            }
            if (s.getServiceAccountToken() != null) kinds++;
            if (s.getClusterTrustBundle() != null) kinds++;
            if (s.getPodCertificate() != null) kinds++;
            if (kinds != 1) out.add(FieldError.forbidden(p, "may not specify more than 1 volume type per source"));
        }
    }

    /** The path of a projected file: local, descending, not starting with "..", unique in its volume. */
    private static void itemPath(String itemPath, String path, Set<String> seen, List<FieldError> out) {
        if (empty(itemPath)) {
            out.add(FieldError.required(path, ""));
            return;
        }
        VolumeMountChecks.localDescendingPath(itemPath, path, out);
        if (itemPath.startsWith("..")) out.add(FieldError.invalid(path, itemPath, "must not start with '..'"));
        if (!seen.add(itemPath)) out.add(FieldError.duplicate(path, itemPath));
    }

    static void mode(Integer mode, String path, List<FieldError> out) {
        if (mode != null && (mode < 0 || mode > 0777)) out.add(FieldError.invalid(path, mode, VolumeChecks.MODE_RANGE));
    }

    private static void volumeFieldRef(String apiVersion, String fp, String path, List<FieldError> out) {
        if (empty(apiVersion)) {
            out.add(FieldError.required(path + ".apiVersion", ""));
            return;
        }
        if (empty(fp)) {
            out.add(FieldError.required(path + ".fieldPath", ""));
            return;
        }
        String[] sub = EnvChecks.splitSubscript(fp);
        if (sub != null && (sub[0].equals("metadata.labels") || sub[0].equals("metadata.annotations"))) {
            Paths.invalidEach(out, path, sub[1], Names.qualifiedName(sub[0].equals("metadata.annotations") ? sub[1].toLowerCase() : sub[1]));
            return;
        }
        if (!VOLUME_FIELD_PATHS.contains(fp)) out.add(FieldError.unsupported(path + ".fieldPath", fp, VOLUME_FIELD_PATHS));
    }

    /** validateContainerResourceFieldSelector + validateContainerResourceDivisor. */
    static void resourceFieldRef(ResourceFieldSelector r, String path, List<FieldError> out) {
        String resource = Paths.str(r.getResource());
        if (resource.isEmpty()) {
            out.add(FieldError.required(path + ".resource", ""));
            return;
        }
        if (!RESOURCES.contains(resource)) {
            out.add(FieldError.unsupported(path + ".resource", resource, RESOURCES));
            return;
        }
        Quantity d = r.getDivisor();
        if (d == null || empty(d.getAmount())) return;
        String text = d.getAmount() + Paths.str(d.getFormat());
        if (Quantities.parse(text).map(v -> v.signum() == 0).orElse(false)) return;
        String canonical = Quantities.canonical(text);
        if (resource.endsWith(".cpu") && !CPU_DIVISORS.contains(canonical)) {
            out.add(FieldError.invalid(path + ".divisor", resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
        } else if (resource.endsWith(".memory") && !MEMORY_DIVISORS.contains(canonical)) {
            out.add(FieldError.invalid(path + ".divisor", resource,
                    "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
        } else if (resource.endsWith(".ephemeral-storage") && !MEMORY_DIVISORS.contains(canonical)) {
            out.add(FieldError.invalid(path + ".divisor", resource,
                    "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"));
        }
    }
}
