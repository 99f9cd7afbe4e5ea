package dev.minipod.runtime.objects;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.spec.Quantities;
import dev.minipod.runtime.validate.FieldError;
import dev.minipod.runtime.validate.Names;

/**
 * PersistentVolume, PersistentVolumeClaim and StorageClass rules of the apiserver, plus what minipod
 * refuses because it cannot honour it (volume sources other than hostPath and local, Block mode).
 */
final class StorageChecks {
    static final List<String> ACCESS_MODES = List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");
    static final List<String> RECLAIM = List.of("Delete", "Retain");
    static final List<String> BINDING_MODES = List.of("Immediate", "WaitForFirstConsumer");
    static final List<String> VOLUME_SOURCES = List.of("hostPath", "local");
    private static final List<String> NOT_SOURCES = List.of("capacity", "accessModes", "claimRef", "persistentVolumeReclaimPolicy",
            "storageClassName", "mountOptions", "volumeMode", "nodeAffinity", "volumeAttributesClassName");

    private StorageChecks() {}

    static void volume(ObjectNode pv, List<FieldError> out) {
        JsonNode spec = pv.path("spec");
        storage(spec.path("capacity"), "spec.capacity", out);
        accessModes(spec.path("accessModes"), out);
        String policy = spec.path("persistentVolumeReclaimPolicy").asText("Retain");
        if (!RECLAIM.contains(policy)) out.add(FieldError.unsupported("spec.persistentVolumeReclaimPolicy", policy, RECLAIM));
        className(spec, out);
        volumeMode(spec, out);
        int sources = 0;
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (NOT_SOURCES.contains(f)) continue;
            sources++;
            if (!VOLUME_SOURCES.contains(f)) {
                out.add(FieldError.forbidden("spec." + f, "minipod supports only hostPath and local persistent volumes"));
            }
        }
        if (sources == 0) out.add(FieldError.required("spec", "must specify a volume type"));
        if (sources > 1) out.add(FieldError.forbidden("spec", "may not specify more than 1 volume type"));
        for (String source : VOLUME_SOURCES) {
            if (!spec.has(source)) continue;
            String path = spec.path(source).path("path").asText("");
            if (path.isEmpty()) out.add(FieldError.required("spec." + source + ".path", ""));
            else if (!path.startsWith("/")) out.add(FieldError.invalid("spec." + source + ".path", path, "must be an absolute path"));
            else if (List.of(path.split("/")).contains("..")) out.add(FieldError.invalid("spec." + source + ".path", path, "must not contain '..'"));
        }
        if (spec.has("local") && !spec.has("nodeAffinity")) {
            out.add(FieldError.required("spec.nodeAffinity", "Local volume requires node affinity"));
        }
    }

    static void claim(ObjectNode pvc, List<FieldError> out) {
        JsonNode spec = pvc.path("spec");
        if (spec.path("accessModes").size() == 0) {
            out.add(FieldError.required("spec.accessModes", "at least 1 access mode is required"));
        } else {
            accessModes(spec.path("accessModes"), out);
        }
        JsonNode requests = spec.path("resources").path("requests");
        if (!requests.has("storage")) out.add(FieldError.required("spec.resources[storage]", ""));
        else storage(requests, "spec.resources.requests", out);
        className(spec, out);
        volumeMode(spec, out);
        if (spec.has("selector")) LabelSelectors.validate(spec.path("selector"), "spec.selector", out);
        for (String f : List.of("dataSource", "dataSourceRef")) {
            if (spec.has(f) && !spec.get(f).isNull()) out.add(FieldError.forbidden("spec." + f, "minipod cannot populate volumes from a data source"));
        }
    }

    static void storageClass(ObjectNode sc, List<FieldError> out) {
        if (sc.path("provisioner").asText("").isEmpty()) out.add(FieldError.required("provisioner", ""));
        String policy = sc.path("reclaimPolicy").asText("Delete");
        if (!RECLAIM.contains(policy)) out.add(FieldError.unsupported("reclaimPolicy", policy, RECLAIM));
        String mode = sc.path("volumeBindingMode").asText("Immediate");
        if (!BINDING_MODES.contains(mode)) out.add(FieldError.unsupported("volumeBindingMode", mode, BINDING_MODES));
    }

    private static void storage(JsonNode resources, String path, List<FieldError> out) {
        String text = resources.path("storage").asText("");
        if (text.isEmpty()) {
            out.add(FieldError.required(path, ""));
            return;
        }
        BigDecimal v = Quantities.parse(text).orElse(null);
        if (v == null) out.add(FieldError.invalid(path + "[storage]", text, Quantities.PARSE_ERROR));
        else if (v.signum() <= 0) out.add(FieldError.invalid(path + "[storage]", text, "must be greater than zero"));
    }

    private static void accessModes(JsonNode modes, List<FieldError> out) {
        if (modes.size() == 0) out.add(FieldError.required("spec.accessModes", ""));
        for (JsonNode m : modes) {
            if (!ACCESS_MODES.contains(m.asText())) out.add(FieldError.unsupported("spec.accessModes", m.asText(), ACCESS_MODES));
        }
    }

    private static void className(JsonNode spec, List<FieldError> out) {
        String c = spec.path("storageClassName").asText("");
        if (!c.isEmpty()) {
            for (String m : Names.dns1123Subdomain(c)) out.add(FieldError.invalid("spec.storageClassName", c, m));
        }
    }

    private static void volumeMode(JsonNode spec, List<FieldError> out) {
        String mode = spec.path("volumeMode").asText("Filesystem");
        if (!mode.equals("Filesystem")) out.add(FieldError.unsupported("spec.volumeMode", mode, List.of("Filesystem")));
    }

    /** A storage quantity in bytes (0 when absent or unreadable: validation refused those already). */
    static BigDecimal bytes(JsonNode resources) {
        return Quantities.parse(resources.path("storage").asText("")).orElse(BigDecimal.ZERO);
    }
}
