package dev.minipod.runtime.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.minipod.runtime.validate.GoQuote;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Downward-API values of one pod (kubelet podFieldSelectorRuntimeValue and fieldpath.ExtractFieldPathAsString):
 * metadata.name/namespace/uid, metadata.labels['k'] and metadata.annotations['k'] ("" when absent),
 * whole metadata.labels/annotations (volumes only) in {@link #formatMap} form, spec.nodeName,
 * spec.serviceAccountName, status.hostIP(s), status.podIP(s) (comma-separated).
 *
 * @param podIPs the pod's IPs, primary first (empty until the pod has a network of its own)
 */
public record PodFields(Pod pod, String hostIP, List<String> podIPs) implements EnvExpander.FieldResolver {

    @Override
    public String resolve(String fieldPath) {
        String[] sub = subscript(fieldPath);
        if (sub != null) {
            Map<String, String> m = "metadata.labels".equals(sub[0]) ? labels() : annotations();
            return m.getOrDefault(sub[1], "");
        }
        return switch (fieldPath) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "metadata.labels" -> formatMap(labels());
            case "metadata.annotations" -> formatMap(annotations());
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.hostIP", "status.hostIPs" -> hostIP;
            case "status.podIP" -> podIPs.isEmpty() ? "" : podIPs.get(0);
            case "status.podIPs" -> String.join(",", podIPs);
            default -> null;
        };
    }

    private Map<String, String> labels() {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private Map<String, String> annotations() {
        return pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
    }

    /** Kubernetes' fieldpath.FormatMap: {@code key="value"} lines sorted by key, values Go-quoted, no trailing newline. */
    public static String formatMap(Map<String, String> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
            if (b.length() > 0) b.append('\n');
            b.append(e.getKey()).append('=').append(GoQuote.quote(e.getValue()));
        }
        return b.toString();
    }

    /** {@code metadata.labels['k']} split into base and key, or null when not subscripted. */
    static String[] subscript(String fp) {
        if (!fp.endsWith("']")) return null;
        int open = fp.indexOf("['");
        if (open <= 0) return null;
        String base = fp.substring(0, open);
        if (!base.equals("metadata.labels") && !base.equals("metadata.annotations")) return null;
        return new String[] {base, fp.substring(open + 2, fp.length() - 2)};
    }
}
