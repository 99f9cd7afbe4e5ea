package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * {@code describe} of ConfigMaps, Secrets (values hidden: {@code key:  N bytes}), claims, volumes, classes and
 * presets, in kubectl's layout (tab-separated cells aligned with padding 2, like {@link PodDescriber}).
 */
final class ObjectDescriber {
    private final TabWriter w = new TabWriter(0, 2, false);

    private ObjectDescriber() {}

    /** usedBy: the pods mounting a claim (kubectl's "Used By"), ignored for other types. */
    static String describe(ObjectTypes.Type t, JsonNode o, List<String> usedBy) throws IOException {
        ObjectDescriber d = new ObjectDescriber();
        if (t == ObjectTypes.CONFIG_MAPS) d.configMap(o);
        else if (t == ObjectTypes.SECRETS) d.secret(o);
        else if (t == ObjectTypes.CLAIMS) d.claim(o, usedBy);
        else if (t == ObjectTypes.VOLUMES) d.volume(o);
        else if (t == ObjectTypes.CLASSES) d.storageClass(o);
        else d.generic(o);
        return d.w.flush().take();
    }

    private static String text(JsonNode n, String f) { return ObjectPrinter.text(n, f); }

    private void head(JsonNode o, boolean namespaced) {
        JsonNode meta = o.path("metadata");
        w.write("Name:\t" + text(meta, "name") + "\n");
        if (namespaced) w.write("Namespace:\t" + text(meta, "namespace") + "\n");
        PodDescriber.labels(w, "Labels", meta.path("labels"));
        PodDescriber.annotations(w, meta.path("annotations"));
    }

    private static List<String> keys(JsonNode map) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) keys.add(it.next());
        java.util.Collections.sort(keys);
        return keys;
    }

    private void configMap(JsonNode o) {
        head(o, true);
        w.write("\nData\n====\n");
        for (String k : keys(o.path("data"))) w.write(k + ":\n----\n" + o.path("data").path(k).asText("") + "\n");
        w.write("\nBinaryData\n====\n");
        for (String k : keys(o.path("binaryData"))) w.write(k + ": " + decoded(o.path("binaryData").path(k)) + " bytes\n");
        w.write("\nEvents:\t<none>\n");
    }

    private void secret(JsonNode o) {
        head(o, true);
        w.write("\nType:\t" + text(o, "type") + "\n");
        w.write("\nData\n====\n");
        for (String k : keys(o.path("data"))) {
            if (k.equals("token") && "kubernetes.io/service-account-token".equals(text(o, "type"))) {
                w.write(k + ":\t" + new String(Base64.getDecoder().decode(o.path("data").path(k).asText("")), StandardCharsets.UTF_8) + "\n");
            } else {
                w.write(k + ":\t" + decoded(o.path("data").path(k)) + " bytes\n");
            }
        }
    }

    private static int decoded(JsonNode base64) {
        try {
            return Base64.getDecoder().decode(base64.asText("")).length;
        } catch (IllegalArgumentException e) {
            return base64.asText("").length();
        }
    }

    private void claim(JsonNode o, List<String> usedBy) {
        JsonNode meta = o.path("metadata");
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        w.write("Name:\t" + text(meta, "name") + "\n");
        w.write("Namespace:\t" + text(meta, "namespace") + "\n");
        w.write("StorageClass:\t" + text(spec, "storageClassName") + "\n");
        w.write("Status:\t" + text(status, "phase") + "\n");
        w.write("Volume:\t" + text(spec, "volumeName") + "\n");
        PodDescriber.labels(w, "Labels", meta.path("labels"));
        PodDescriber.annotations(w, meta.path("annotations"));
        w.write("Finalizers:\t" + finalizers(meta) + "\n");
        boolean bound = "Bound".equals(text(status, "phase"));
        w.write("Capacity:\t" + (bound ? text(status.path("capacity"), "storage") : "") + "\n");
        w.write("Access Modes:\t" + (bound ? ObjectPrinter.modes(status.path("accessModes")) : "") + "\n");
        w.write("VolumeMode:\t" + text(spec, "volumeMode") + "\n");
        w.write("Used By:\t" + (usedBy.isEmpty() ? "<none>" : String.join("\n\t", usedBy)) + "\n");
        w.write("Events:\t<none>\n");
    }

    private void volume(JsonNode o) {
        JsonNode meta = o.path("metadata");
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        head(o, false);
        w.write("Finalizers:\t" + finalizers(meta) + "\n");
        w.write("StorageClass:\t" + text(spec, "storageClassName") + "\n");
        w.write("Status:\t" + text(status, "phase") + "\n");
        JsonNode ref = spec.path("claimRef");
        w.write("Claim:\t" + (ref.isObject() ? text(ref, "namespace") + "/" + text(ref, "name") : "") + "\n");
        w.write("Reclaim Policy:\t" + text(spec, "persistentVolumeReclaimPolicy") + "\n");
        w.write("Access Modes:\t" + ObjectPrinter.modes(spec.path("accessModes")) + "\n");
        w.write("VolumeMode:\t" + text(spec, "volumeMode") + "\n");
        w.write("Capacity:\t" + text(spec.path("capacity"), "storage") + "\n");
        w.write("Node Affinity:\t" + (spec.has("nodeAffinity") ? "(set)" : "<none>") + "\n");
        w.write("Message:\t" + text(status, "message") + "\n");
        w.write("Source:\n");
        if (spec.has("hostPath")) {
            w.write("    Type:\tHostPath (bare host directory volume)\n");
            w.write("    Path:\t" + text(spec.path("hostPath"), "path") + "\n");
            w.write("    HostPathType:\t" + text(spec.path("hostPath"), "type") + "\n");
        } else if (spec.has("local")) {
            w.write("    Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n");
            w.write("    Path:\t" + text(spec.path("local"), "path") + "\n");
        }
        w.write("Events:\t<none>\n");
    }

    private void storageClass(JsonNode o) {
        JsonNode meta = o.path("metadata");
        w.write("Name:\t" + text(meta, "name") + "\n");
        boolean isDefault = "true".equals(text(meta.path("annotations"), "storageclass.kubernetes.io/is-default-class"));
        w.write("IsDefaultClass:\t" + (isDefault ? "Yes" : "No") + "\n");
        PodDescriber.annotations(w, meta.path("annotations"));
        w.write("Provisioner:\t" + text(o, "provisioner") + "\n");
        w.write("Parameters:\t" + (o.path("parameters").size() == 0 ? "<none>" : o.path("parameters").toString()) + "\n");
        w.write("AllowVolumeExpansion:\t" + (o.has("allowVolumeExpansion") ? o.path("allowVolumeExpansion").asText() : "<unset>") + "\n");
        w.write("MountOptions:\t<none>\n");
        w.write("ReclaimPolicy:\t" + text(o, "reclaimPolicy") + "\n");
        w.write("VolumeBindingMode:\t" + text(o, "volumeBindingMode") + "\n");
        w.write("Events:\t<none>\n");
    }

    /** A PodPreset: its metadata, then its spec as YAML. */
    private void generic(JsonNode o) throws IOException {
        head(o, true);
        w.write("Spec:\n");
        for (String line : Yaml.pretty(o.path("spec")).split("\n")) w.write("  " + line + "\n");
        w.write("Events:\t<none>\n");
    }

    private static String finalizers(JsonNode meta) {
        List<String> f = new ArrayList<>();
        meta.path("finalizers").forEach(n -> f.add(n.asText()));
        return "[" + String.join(" ", f) + "]";
    }
}
