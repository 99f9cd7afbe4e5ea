package dev.minipod.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minipod.runtime.MinipodException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OCI content descriptor.
 *
 * @param size         the blob size in bytes, or -1 when the descriptor gives none
 * @param os           {@code platform.os}, "" when absent
 * @param architecture {@code platform.architecture}, "" when absent
 */
public record Descriptor(String mediaType, Digest digest, long size, String os, String architecture,
                         Map<String, String> annotations) {
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    static Descriptor fromJson(JsonNode n, String what) {
        if (!n.isObject()) {
            throw MinipodException.invalid(what + " is not a JSON object");
        }
        JsonNode mediaType = n.path("mediaType");
        if (!mediaType.isTextual()) {
            throw MinipodException.invalid(what + " has no `mediaType`");
        }
        JsonNode digest = n.path("digest");
        if (!digest.isTextual()) {
            throw MinipodException.invalid(what + " has no `digest`");
        }
        Digest d;
        try {
            d = Digest.parse(digest.asText());
        } catch (MinipodException e) {
            throw MinipodException.invalid(what + ": " + e.getMessage());
        }
        JsonNode size = n.path("size");
        if (!size.isMissingNode() && !(size.canConvertToLong() && size.isIntegralNumber() && size.asLong() >= 0)) {
            throw MinipodException.invalid(what + ": `size` is not a non-negative integer");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        n.path("annotations").fields().forEachRemaining(f -> annotations.put(f.getKey(), f.getValue().asText()));
        JsonNode platform = n.path("platform");
        return new Descriptor(mediaType.asText(), d, size.isMissingNode() ? -1 : size.asLong(),
                platform.path("os").asText(""), platform.path("architecture").asText(""), annotations);
    }

    public String refName() {
        return annotations.getOrDefault(REF_NAME, "");
    }
}
