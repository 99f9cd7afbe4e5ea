package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** kubectl's table columns for ConfigMaps, Secrets, claims, volumes, classes and presets. */
final class ObjectPrinter {
    private ObjectPrinter() {}

    static List<String> header(ObjectTypes.Type t, boolean wide) {
        List<String> h = new ArrayList<>();
        if (t == ObjectTypes.CONFIG_MAPS) h.addAll(List.of("NAME", "DATA", "AGE"));
        else if (t == ObjectTypes.SECRETS) h.addAll(List.of("NAME", "TYPE", "DATA", "AGE"));
        else if (t == ObjectTypes.CLAIMS) h.addAll(List.of("NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"));
        else if (t == ObjectTypes.VOLUMES) {
            h.addAll(List.of("NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS",
                    "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"));
        } else if (t == ObjectTypes.CLASSES) h.addAll(List.of("NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"));
        else h.addAll(List.of("NAME", "AGE"));
        if (wide && (t == ObjectTypes.CLAIMS || t == ObjectTypes.VOLUMES)) h.add("VOLUMEMODE");
        return h;
    }

    /** One row; {@code prefix} is {@code type/} when several types are printed together. */
    static List<String> row(ObjectTypes.Type t, JsonNode o, Instant now, boolean wide, String prefix) {
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        List<String> r = new ArrayList<>();
        String name = prefix + text(o.path("metadata"), "name");
        if (t == ObjectTypes.CONFIG_MAPS) {
            r.addAll(List.of(name, Integer.toString(o.path("data").size() + o.path("binaryData").size())));
        } else if (t == ObjectTypes.SECRETS) {
            r.addAll(List.of(name, text(o, "type"), Integer.toString(o.path("data").size())));
        } else if (t == ObjectTypes.CLAIMS) {
            boolean bound = !text(spec, "volumeName").isEmpty() && "Bound".equals(text(status, "phase"));
            r.addAll(List.of(name, phase(o), text(spec, "volumeName"),
                    bound ? text(status.path("capacity"), "storage") : "", bound ? modes(status.path("accessModes")) : "",
                    text(spec, "storageClassName"), unset(text(spec, "volumeAttributesClassName"))));
        } else if (t == ObjectTypes.VOLUMES) {
            JsonNode ref = spec.path("claimRef");
            String claim = ref.isObject() ? text(ref, "namespace") + "/" + text(ref, "name") : "";
            r.addAll(List.of(name, text(spec.path("capacity"), "storage"), modes(spec.path("accessModes")),
                    text(spec, "persistentVolumeReclaimPolicy"), phase(o), claim, text(spec, "storageClassName"),
                    unset(text(spec, "volumeAttributesClassName")), text(status, "reason")));
        } else if (t == ObjectTypes.CLASSES) {
            boolean isDefault = "true".equals(text(o.path("metadata").path("annotations"), "storageclass.kubernetes.io/is-default-class"));
            r.addAll(List.of(name + (isDefault ? " (default)" : ""), text(o, "provisioner"), or(text(o, "reclaimPolicy"), "Delete"),
                    or(text(o, "volumeBindingMode"), "Immediate"), Boolean.toString(o.path("allowVolumeExpansion").asBoolean(false))));
        } else {
            r.add(name);
        }
        r.add(age(o, now));
        if (wide && (t == ObjectTypes.CLAIMS || t == ObjectTypes.VOLUMES)) r.add(or(text(spec, "volumeMode"), "Filesystem"));
        return r;
    }

    /** The status phase, or Terminating once deletion waits for a finalizer (kubectl's printers do the same). */
    private static String phase(JsonNode o) {
        return o.path("metadata").has("deletionTimestamp") ? "Terminating" : text(o.path("status"), "phase");
    }

    static String table(ObjectTypes.Type t, List<JsonNode> items, Instant now, boolean wide, String prefix) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(header(t, wide));
        for (JsonNode o : items) rows.add(row(t, o, now, wide, prefix));
        return PodPrinter.align(rows);
    }

    /** kubectl's short access modes: RWO, ROX, RWX, RWOP, comma-separated. */
    static String modes(JsonNode modes) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : modes) {
            switch (m.asText()) {
                case "ReadWriteOnce": out.add("RWO"); break;
                case "ReadOnlyMany": out.add("ROX"); break;
                case "ReadWriteMany": out.add("RWX"); break;
                case "ReadWriteOncePod": out.add("RWOP"); break;
                default: out.add(m.asText());
            }
        }
        return String.join(",", out);
    }

    static String age(JsonNode o, Instant now) {
        Instant t = PodPrinter.instant(o.path("metadata").path("creationTimestamp"));
        return t == null ? "<unknown>" : HumanDuration.format(Duration.between(t, now));
    }

    static String text(JsonNode n, String field) { return n.path(field).asText(""); }

    private static String or(String s, String fallback) { return s.isEmpty() ? fallback : s; }

    private static String unset(String s) { return s.isEmpty() ? "<unset>" : s; }
}
