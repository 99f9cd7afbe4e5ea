package dev.minipod.runtime.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minipod.runtime.MinipodException;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads manifests: JSON, or YAML with one or more documents. Each document is decoded strictly
 * into the fabric8 v1 model; a field the model does not know fails the whole load the way the
 * API server does with fieldValidation=Strict.
 */
public final class ManifestLoader {
    private ManifestLoader() {}

    /** Core v1 kinds minipod will serve later; refused for now with a clear message. */
    static final Set<String> LATER_V1_KINDS = Set.of("ConfigMap", "Secret", "Event", "Namespace", "Service",
            "PersistentVolumeClaim", "PersistentVolume", "ServiceAccount", "Endpoints", "LimitRange",
            "ResourceQuota", "ReplicationController", "PodTemplate", "Node", "List");

    public static List<Manifest> load(Path file) {
        try {
            return load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MinipodException.invalid("error reading " + file + ": " + e.getMessage());
        }
    }

    /** Every non-empty document of {@code text}, in order. */
    public static List<Manifest> load(String text) {
        List<Manifest> out = new ArrayList<>();
        for (JsonNode doc : documents(text)) out.add(decode(doc));
        return out;
    }

    /** Exactly one Pod. */
    public static Pod loadPod(String text) {
        List<Manifest> all = load(text);
        if (all.size() != 1) throw MinipodException.invalid("expected exactly one Pod, found " + all.size() + " objects");
        return all.get(0).pod();
    }

    static List<JsonNode> documents(String text) {
        String trimmed = text.stripLeading();
        boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
        ObjectMapper reader = json ? PodJson.json() : PodJson.yaml();
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = reader.readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode n = it.nextValue();
                if (n == null || n.isNull() || n.isMissingNode() || (n.isTextual() && n.asText().isBlank())
                        || (n.isObject() && n.isEmpty())) {
                    continue;
                }
                if (!n.isObject()) throw MinipodException.invalid("error parsing manifest: a document is not an object: " + n.getNodeType());
                docs.add(n);
            }
        } catch (JsonProcessingException e) {
            String kindOf = json ? "error parsing JSON: " : "error converting YAML to JSON: ";
            throw MinipodException.invalid(kindOf + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof MinipodException) throw e;
            if (e.getCause() instanceof JsonProcessingException jpe) {
                throw MinipodException.invalid((json ? "error parsing JSON: " : "error converting YAML to JSON: ")
                        + jpe.getOriginalMessage());
            }
            throw e;
        }
        return docs;
    }

    static Manifest decode(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        List<String> missing = new ArrayList<>();
        if (apiVersion.isEmpty()) missing.add("apiVersion not set");
        if (kind.isEmpty()) missing.add("kind not set");
        if (!missing.isEmpty()) {
            throw MinipodException.invalid("error validating data: "
                    + (missing.size() == 1 ? missing.get(0) : "[" + String.join(", ", missing) + "]"));
        }
        if (apiVersion.equals("v1") && kind.equals("Pod")) return new Manifest(apiVersion, kind, decodePod((ObjectNode) doc));
        if (apiVersion.equals("v1") && LATER_V1_KINDS.contains(kind)) {
            throw MinipodException.invalid("kind \"" + kind + "\" in version \"v1\" is not supported yet by minipod");
        }
        throw MinipodException.invalid("no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"");
    }

    private static Pod decodePod(ObjectNode doc) {
        Pod pod;
        try {
            pod = PodJson.json().treeToValue(doc, Pod.class);
        } catch (JsonMappingException e) {
            throw badRequest(typeError(e));
        } catch (JsonProcessingException e) {
            throw badRequest(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw badRequest(e.getMessage());
        }
        if (!UnknownFields.badQuantities(pod, PodJson.json()).isEmpty()) throw badRequest(Quantities.PARSE_ERROR);
        List<String> unknown = UnknownFields.find(pod, PodJson.json());
        if (!unknown.isEmpty()) {
            throw badRequest("strict decoding error: " + unknown.stream()
                    .map(f -> "unknown field \"" + f + "\"").collect(Collectors.joining(", ")));
        }
        return pod;
    }

    /** HTTP 400 BadRequest, exit code 2. */
    static MinipodException badRequest(String detail) {
        return new MinipodException("BadRequest", 2, "Pod in version \"v1\" cannot be handled as a Pod: " + detail);
    }

    private static String typeError(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) path.append('.');
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        String msg = e.getOriginalMessage();
        int nl = msg.indexOf('\n');
        if (nl >= 0) msg = msg.substring(0, nl);
        return "invalid value for field \"" + path + "\": " + msg;
    }
}
