package dev.minipod.runtime.objects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.validate.FieldError;
import dev.minipod.runtime.validate.Names;

/**
 * ConfigMap and Secret rules of the apiserver (ValidateConfigMap, ValidateSecret): data keys, the
 * data/binaryData overlap, base64 values, the 1 MiB total and the per-type required keys.
 */
final class DataChecks {
    /** corev1.MaxSecretSize, the limit of both kinds. */
    static final int MAX_SIZE = 1024 * 1024;

    private DataChecks() {}

    static void configMap(ObjectNode cm, List<FieldError> out) {
        canonicalBase64("ConfigMap", cm.path("binaryData"));
        JsonNode data = cm.path("data");
        JsonNode binary = cm.path("binaryData");
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            key("data", e.getKey(), out);
            if (binary.has(e.getKey())) {
                out.add(FieldError.invalid("data[" + e.getKey() + "]", e.getKey(), "duplicate of key present in binaryData"));
            }
            total += e.getValue().asText("").getBytes(StandardCharsets.UTF_8).length;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = binary.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            key("binaryData", e.getKey(), out);
            total += decode("ConfigMap", e.getValue().asText("")).length;
        }
        if (total > MAX_SIZE) out.add(FieldError.tooLong("", MAX_SIZE));
    }

    /** Folds stringData into data (base64) as the apiserver does on write; defaults the type to Opaque. */
    static void normalizeSecret(ObjectNode secret) {
        JsonNode stringData = secret.remove("stringData");
        if (stringData != null && stringData.isObject() && stringData.size() > 0) {
            ObjectNode data = secret.has("data") && secret.get("data").isObject() ? (ObjectNode) secret.get("data") : secret.putObject("data");
            stringData.fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText("").getBytes(StandardCharsets.UTF_8))));
        }
        if (secret.path("type").asText("").isEmpty()) secret.put("type", "Opaque");
    }

    static void secret(ObjectNode secret, List<FieldError> out) {
        canonicalBase64("Secret", secret.path("data"));
        JsonNode data = secret.path("data");
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            key("data", e.getKey(), out);
            total += decode("Secret", e.getValue().asText("")).length;
        }
        if (total > MAX_SIZE) out.add(FieldError.tooLong("data", MAX_SIZE));
        switch (secret.path("type").asText("")) {
            case "kubernetes.io/service-account-token" -> {
                if (secret.path("metadata").path("annotations").path("kubernetes.io/service-account.name").asText("").isEmpty()) {
                    out.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
                }
            }
            case "kubernetes.io/dockercfg" -> required(data, out, ".dockercfg");
            case "kubernetes.io/dockerconfigjson" -> required(data, out, ".dockerconfigjson");
            case "kubernetes.io/basic-auth" -> {
                if (!data.has("username") && !data.has("password")) required(data, out, "username", "password");
            }
            case "kubernetes.io/ssh-auth" -> {
                if (decode("Secret", data.path("ssh-privatekey").asText("")).length == 0) {
                    out.add(FieldError.required("data[ssh-privatekey]", ""));
                }
            }
            case "kubernetes.io/tls" -> required(data, out, "tls.crt", "tls.key");
            default -> { }
        }
    }

    private static void required(JsonNode data, List<FieldError> out, String... keys) {
        for (String k : keys) {
            if (!data.has(k)) out.add(FieldError.required("data[" + k + "]", ""));
        }
    }

    private static void key(String field, String key, List<FieldError> out) {
        for (String m : Names.configMapKey(key)) out.add(FieldError.invalid(field + "[" + key + "]", key, m));
    }

    /**
     * Re-encodes base64 values canonically ([]byte fields in Go: line breaks ignored on decoding, none written),
     * so readers can decode them with a plain decoder.
     */
    static void canonicalBase64(String kind, JsonNode values) {
        if (!(values instanceof ObjectNode obj)) return;
        List<String> keys = new java.util.ArrayList<>();
        obj.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) obj.put(k, Base64.getEncoder().encodeToString(decode(kind, obj.path(k).asText(""))));
    }

    /** Go's base64 decoding error, which the apiserver reports as a BadRequest before validation. */
    static byte[] decode(String kind, String text) {
        text = text.replace("\r", "").replace("\n", "");
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MinipodException("BadRequest", 2, kind + " in version \"v1\" cannot be handled as a " + kind
                    + ": illegal base64 data at input byte " + badByte(text));
        }
    }

    private static int badByte(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '/' || c == '=';
            if (!ok || c == '=' && i < text.length() - 2) return i;
        }
        return Math.max(0, text.length() - text.length() % 4);
    }
}
