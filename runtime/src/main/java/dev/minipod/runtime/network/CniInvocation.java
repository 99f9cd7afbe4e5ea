package dev.minipod.runtime.network;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One plugin call, decided (pure): the CNI_* environment and the config on stdin, built the way
 * libcni builds it: the plugin's own config plus the list's {@code name} and {@code cniVersion},
 * {@code prevResult} (the previous plugin's result on ADD, the cached one on DEL and CHECK), and
 * {@code runtimeConfig} holding only the capabilities the plugin declares.
 */
public record CniInvocation(String type, String command, Map<String, String> env, byte[] stdin) {

    public static CniInvocation of(NetworkList net, NetworkList.Plugin plugin, String command, CniRuntime rt,
                                   JsonNode prevResult, String cniPath) {
        ObjectNode conf = plugin.conf().deepCopy();
        conf.put("name", net.name());
        conf.put("cniVersion", net.cniVersion());
        conf.remove("prevResult");
        if (prevResult != null) {
            conf.set("prevResult", prevResult);
        }
        ObjectNode runtimeConfig = NetworkList.JSON.createObjectNode();
        if (plugin.capabilities().contains("portMappings") && !rt.portMappings().isEmpty()) {
            runtimeConfig.set("portMappings", NetworkList.JSON.valueToTree(rt.portMappings().stream().map(PortMapping::toJson).toList()));
        }
        conf.remove("runtimeConfig");
        if (!runtimeConfig.isEmpty()) {
            conf.set("runtimeConfig", runtimeConfig);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", rt.containerId());
        env.put("CNI_NETNS", rt.netns());
        env.put("CNI_IFNAME", rt.ifName());
        env.put("CNI_ARGS", rt.cniArgs());
        env.put("CNI_PATH", cniPath);
        byte[] stdin;
        try {
            stdin = NetworkList.JSON.writeValueAsString(conf).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("serialize plugin config", e);
        }
        return new CniInvocation(plugin.type(), command, Map.copyOf(env), stdin);
    }
}
