package dev.minipod.runtime.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minipod.runtime.MinipodException;

import java.io.IOException;

/** Parsing of the JSON documents of an image (index, manifest, config). */
final class JsonDocs {
    private JsonDocs() {
    }

    /** Parses a JSON object; malformed or non-object content is {@code Invalid}, naming {@code what}. */
    static JsonNode parseObject(ObjectMapper mapper, byte[] bytes, String what) {
        JsonNode n;
        try {
            n = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw MinipodException.invalid(what + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw MinipodException.invalid(what + ": unreadable JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw MinipodException.invalid(what + " is not a JSON object");
        }
        return n;
    }
}
