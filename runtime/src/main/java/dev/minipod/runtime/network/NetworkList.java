package dev.minipod.runtime.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A CNI network configuration list (a {@code .conflist}): the network's name, the spec version and
 * the plugins in chain order, each kept as the raw JSON the plugin gets on stdin.
 */
public record NetworkList(String cniVersion, String name, List<Plugin> plugins, String source, String text) {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> VERSIONS = Set.of("0.3.0", "0.3.1", "0.4.0", "1.0.0");

    /** @param capabilities the runtimeConfig keys the plugin asked for (capabilities: {portMappings: true}) */
    public record Plugin(String type, ObjectNode conf, Set<String> capabilities) {}

    /** Parses a conflist; {@code source} names the file in errors. */
    public static NetworkList parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CniException("error parsing configuration list `" + source + "`: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CniException("error parsing configuration list `" + source + "`: not a JSON object");
        }
        String name = text(root, "name");
        if (name.isEmpty()) {
            throw new CniException("error parsing configuration list `" + source + "`: no name");
        }
        String version = text(root, "cniVersion");
        if (!VERSIONS.contains(version)) {
            throw new CniException("configuration list `" + source + "`: unsupported cniVersion `" + version
                    + "` (supported: 0.3.0, 0.3.1, 0.4.0, 1.0.0)");
        }
        JsonNode list = root.get("plugins");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CniException("error parsing configuration list `" + source + "`: no plugins in list");
        }
        List<Plugin> plugins = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String type = p.isObject() ? text(p, "type") : "";
            if (type.isEmpty()) {
                throw new CniException("configuration list `" + source + "`: plugins[" + i + "] has no type");
            }
            Set<String> caps = new HashSet<>();
            JsonNode c = p.get("capabilities");
            if (c != null && c.isObject()) {
                c.fields().forEachRemaining(e -> {
                    if (e.getValue().asBoolean(false)) {
                        caps.add(e.getKey());
                    }
                });
            }
            plugins.add(new Plugin(type, (ObjectNode) p, Set.copyOf(caps)));
        }
        return new NetworkList(version, name, List.copyOf(plugins), source, text);
    }

    /** Whether the spec version sends prevResult on DEL and knows CHECK (0.4.0 and later). */
    boolean hasPrevResultOnDel() {
        return version4OrLater(cniVersion);
    }

    static boolean version4OrLater(String v) {
        return v.equals("0.4.0") || v.equals("1.0.0");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }
}
