package dev.minipod.runtime.validate;

import static dev.minipod.runtime.validate.Paths.empty;
import static dev.minipod.runtime.validate.Paths.map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** metadata: name, namespace, labels, annotations. */
final class MetadataChecks {
    private MetadataChecks() {}

    static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;

    private static ObjectMeta meta(Pod pod) {
        return pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata();
    }

    static void name(Pod pod, List<FieldError> out) {
        ObjectMeta m = meta(pod);
        if (empty(m.getName())) {
            if (empty(m.getGenerateName())) out.add(FieldError.required("metadata.name", "name or generateName is required"));
            return;
        }
        Paths.invalidEach(out, "metadata.name", m.getName(), Names.dns1123Subdomain(m.getName()));
    }

    static void namespace(Pod pod, List<FieldError> out) {
        String ns = meta(pod).getNamespace();
        if (empty(ns)) {
            out.add(FieldError.required("metadata.namespace", ""));
            return;
        }
        Paths.invalidEach(out, "metadata.namespace", ns, Names.dns1123Label(ns));
    }

    static void labels(Pod pod, List<FieldError> out) {
        for (Map.Entry<String, String> e : map(meta(pod).getLabels()).entrySet()) {
            Paths.invalidEach(out, "metadata.labels", e.getKey(), Names.qualifiedName(e.getKey()));
            String v = e.getValue() == null ? "" : e.getValue();
            Paths.invalidEach(out, "metadata.labels", v, Names.labelValue(v));
        }
    }

    static void annotations(Pod pod, List<FieldError> out) {
        long total = 0;
        for (Map.Entry<String, String> e : map(meta(pod).getAnnotations()).entrySet()) {
            Paths.invalidEach(out, "metadata.annotations", e.getKey(), Names.qualifiedName(e.getKey().toLowerCase()));
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length;
            total += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > TOTAL_ANNOTATION_SIZE) out.add(FieldError.tooLong("metadata.annotations", TOTAL_ANNOTATION_SIZE));
    }
}
