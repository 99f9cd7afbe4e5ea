package dev.minipod.runtime.network;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plugin's success result (CNI spec "Result"): kept raw, since it is the next plugin's
 * prevResult and DEL's, with the pod's addresses read out of {@code ips[].address}.
 */
public record CniResult(JsonNode raw) {

    public static CniResult parse(byte[] stdout, String plugin) {
        try {
            JsonNode n = NetworkList.JSON.readTree(stdout);
            if (n == null || !n.isObject()) {
                throw new CniException("plugin type=\"" + plugin + "\" returned no result");
            }
            return new CniResult(n);
        } catch (java.io.IOException e) {
            throw new CniException("plugin type=\"" + plugin + "\" returned an unreadable result: " + e.getMessage());
        }
    }

    /** The addresses without prefix length, in result order (IPv4 and IPv6 as the plugin gave them). */
    public List<String> ips() {
        List<String> out = new ArrayList<>();
        JsonNode ips = raw.get("ips");
        if (ips != null && ips.isArray()) {
            for (JsonNode ip : ips) {
                String a = ip.path("address").asText("");
                int slash = a.indexOf('/');
                if (!a.isEmpty()) {
                    out.add(slash < 0 ? a : a.substring(0, slash));
                }
            }
        }
        return out;
    }
}
