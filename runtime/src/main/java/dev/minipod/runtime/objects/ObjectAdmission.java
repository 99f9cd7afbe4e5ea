package dev.minipod.runtime.objects;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.spec.PodJson;
import dev.minipod.runtime.validate.FieldError;
import dev.minipod.runtime.validate.InvalidPodException;
import dev.minipod.runtime.validate.Names;

/** The apiserver's path for one object: decode, default, validate (every error at once), immutability on update. */
final class ObjectAdmission {
    static final String IMMUTABLE = "field is immutable when `immutable` is set";
    static final String CLAIM_SPEC_IMMUTABLE = "spec is immutable after creation except resources.requests and "
            + "volumeAttributesClassName for bound claims";

    private ObjectAdmission() {}

    static ObjectNode decode(Kind kind, String namespace, byte[] body) {
        JsonNode tree;
        try {
            tree = PodJson.json().readTree(body);
        } catch (IOException e) {
            throw new MinipodException("BadRequest", 2, "couldn't get version/kind; json parse error: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (!(tree instanceof ObjectNode obj)) throw new MinipodException("BadRequest", 2, "the body is not a JSON object");
        String apiVersion = obj.path("apiVersion").asText(kind.apiVersion());
        String k = obj.path("kind").asText(kind.kind());
        if (!apiVersion.equals(kind.apiVersion()) || !k.equals(kind.kind())) {
            throw new MinipodException("BadRequest", 2, "the API version in the data (" + apiVersion + ") does not match the expected API version ("
                    + kind.apiVersion() + ")" + (k.equals(kind.kind()) ? "" : " or kind " + k + " is not " + kind.kind()));
        }
        obj.put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
        ObjectNode meta = obj.withObjectProperty("metadata");
        if (kind.namespaced()) {
            String ns = meta.path("namespace").asText("");
            if (!ns.isEmpty() && !ns.equals(namespace)) {
                throw new MinipodException("BadRequest", 2, "the namespace of the provided object does not match the namespace sent on the request");
            }
            meta.put("namespace", namespace);
        } else {
            meta.remove("namespace");
        }
        for (String server : List.of("uid", "creationTimestamp", "selfLink", "managedFields", "deletionTimestamp", "finalizers")) meta.remove(server);
        return obj;
    }

    /** Defaults and validates obj in place; old is the stored object on update, null on create. */
    static void admit(Kind kind, ObjectNode obj, ObjectNode old, String defaultClass) {
        List<FieldError> errs = new ArrayList<>();
        meta(obj, errs);
        switch (kind) {
            case CONFIG_MAP -> {
                DataChecks.configMap(obj, errs);
                if (old != null) immutableData(obj, old, List.of("data", "binaryData"), errs);
            }
            case SECRET -> {
                DataChecks.normalizeSecret(obj);
                DataChecks.secret(obj, errs);
                if (old != null) {
                    String was = old.path("type").asText();
                    if (!was.equals(obj.path("type").asText())) errs.add(FieldError.invalid("type", obj.path("type").asText(), "field is immutable"));
                    immutableData(obj, old, List.of("data"), errs);
                }
            }
            case CLAIM -> {
                ObjectNode spec = obj.withObjectProperty("spec");
                if (old != null) keepBinding(spec, old.path("spec"));
                if (!spec.has("storageClassName") && defaultClass != null) spec.put("storageClassName", defaultClass);
                if (!spec.has("volumeMode")) spec.put("volumeMode", "Filesystem");
                StorageChecks.claim(obj, errs);
                if (old != null && !withoutRequests(spec).equals(withoutRequests(old.path("spec")))) {
                    errs.add(FieldError.forbidden("spec", CLAIM_SPEC_IMMUTABLE));
                }
            }
            case VOLUME -> {
                ObjectNode spec = obj.withObjectProperty("spec");
                if (old != null && !spec.has("claimRef") && old.path("spec").has("claimRef")) spec.set("claimRef", old.path("spec").get("claimRef"));
                if (!spec.has("persistentVolumeReclaimPolicy")) spec.put("persistentVolumeReclaimPolicy", "Retain");
                if (!spec.has("volumeMode")) spec.put("volumeMode", "Filesystem");
                StorageChecks.volume(obj, errs);
            }
            case STORAGE_CLASS -> {
                if (!obj.has("reclaimPolicy")) obj.put("reclaimPolicy", "Delete");
                if (!obj.has("volumeBindingMode")) obj.put("volumeBindingMode", "Immediate");
                StorageChecks.storageClass(obj, errs);
                if (old != null) {
                    for (String f : List.of("provisioner", "reclaimPolicy", "volumeBindingMode", "parameters")) {
                        if (!obj.path(f).equals(old.path(f))) errs.add(FieldError.forbidden(f, "updates to " + f + " are forbidden."));
                    }
                }
            }
            case POD_PRESET -> PodPresets.validate(obj, errs);
        }
        if (old != null) {
            keepControllerAnnotations(obj, old);
            for (String f : List.of("finalizers", "deletionTimestamp")) {
                if (old.path("metadata").has(f)) obj.withObjectProperty("metadata").set(f, old.path("metadata").get(f));
            }
        }
        if (!errs.isEmpty()) throw new InvalidPodException(kind.kind(), obj.path("metadata").path("name").asText(""), errs);
    }

    private static void meta(ObjectNode obj, List<FieldError> errs) {
        JsonNode meta = obj.path("metadata");
        String name = meta.path("name").asText("");
        if (name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            for (String m : Names.dns1123Subdomain(name)) errs.add(FieldError.invalid("metadata.name", name, m));
        }
        if (meta.has("namespace")) {
            String ns = meta.path("namespace").asText("");
            // also keeps the namespace a plain directory name in the store
            for (String m : Names.dns1123Label(ns)) errs.add(FieldError.invalid("metadata.namespace", ns, m));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.path("labels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            for (String m : Names.qualifiedName(e.getKey())) errs.add(FieldError.invalid("metadata.labels", e.getKey(), m));
            for (String m : Names.labelValue(e.getValue().asText(""))) errs.add(FieldError.invalid("metadata.labels", e.getValue().asText(""), m));
        }
        for (Iterator<String> it = meta.path("annotations").fieldNames(); it.hasNext(); ) {
            String k = it.next();
            for (String m : Names.qualifiedName(k.toLowerCase())) errs.add(FieldError.invalid("metadata.annotations", k, m));
        }
    }

    private static void immutableData(ObjectNode obj, ObjectNode old, List<String> fields, List<FieldError> errs) {
        if (!old.path("immutable").asBoolean(false)) return;
        if (!obj.path("immutable").asBoolean(false)) errs.add(FieldError.forbidden("immutable", IMMUTABLE));
        for (String f : fields) {
            if (!obj.path(f).equals(old.path(f))) errs.add(FieldError.forbidden(f, IMMUTABLE));
        }
    }

    /** An update that leaves out what the controller filled in (volumeName, the default class) keeps them. */
    private static void keepBinding(ObjectNode spec, JsonNode oldSpec) {
        for (String f : List.of("volumeName", "storageClassName", "volumeMode")) {
            if (!spec.has(f) && oldSpec.has(f)) spec.set(f, oldSpec.get(f));
        }
    }

    private static JsonNode withoutRequests(JsonNode spec) {
        ObjectNode copy = spec.deepCopy();
        copy.remove("resources");
        copy.remove("volumeAttributesClassName");
        return copy;
    }

    /** Binding annotations (pv.kubernetes.io/*) belong to the controller: an update does not drop them. */
    private static void keepControllerAnnotations(ObjectNode obj, ObjectNode old) {
        for (Iterator<Map.Entry<String, JsonNode>> it = old.path("metadata").path("annotations").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("pv.kubernetes.io/")) {
                ObjectNode ann = obj.withObjectProperty("metadata").withObjectProperty("annotations");
                if (!ann.has(e.getKey())) ann.set(e.getKey(), e.getValue());
            }
        }
    }
}
