package dev.minipod.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minipod.runtime.MinipodException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime-relevant part of an image config ({@code config} in the OCI image config JSON).
 * Absent lists are empty, absent strings are "".
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir,
                          String user, Map<String, Object> exposedPorts) {
    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        exposedPorts = Collections.unmodifiableMap(new LinkedHashMap<>(exposedPorts));
    }

    /** Reads the {@code config} object of an image config document. */
    static ImageConfig fromJson(ObjectMapper mapper, JsonNode document, String what) {
        JsonNode c = document.path("config");
        if (!c.isMissingNode() && !c.isNull() && !c.isObject()) {
            throw MinipodException.invalid(what + ": `config` is not an object");
        }
        Map<String, Object> ports = new LinkedHashMap<>();
        JsonNode exposed = c.path("ExposedPorts");
        if (exposed.isObject()) {
            exposed.fields().forEachRemaining(f -> ports.put(f.getKey(), mapper.convertValue(f.getValue(), Object.class)));
        } else if (!exposed.isMissingNode() && !exposed.isNull()) {
            throw MinipodException.invalid(what + ": `config.ExposedPorts` is not an object");
        }
        return new ImageConfig(strings(c, "Entrypoint", what), strings(c, "Cmd", what), strings(c, "Env", what),
                text(c, "WorkingDir", what), text(c, "User", what), ports);
    }

    private static List<String> strings(JsonNode c, String field, String what) {
        JsonNode n = c.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw MinipodException.invalid(what + ": `config." + field + "` is not an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw MinipodException.invalid(what + ": `config." + field + "` is not an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static String text(JsonNode c, String field, String what) {
        JsonNode n = c.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw MinipodException.invalid(what + ": `config." + field + "` is not a string");
        }
        return n.asText();
    }
}
