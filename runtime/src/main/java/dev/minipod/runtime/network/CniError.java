package dev.minipod.runtime.network;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plugin's failure (CNI spec "Error": {@code code}, {@code msg}, {@code details} on stdout, exit
 * status non-zero). A plugin that printed no error JSON is described by its stderr and exit status.
 */
public record CniError(int code, String msg, String details) {

    public static CniError parse(byte[] stdout, byte[] stderr, int exitStatus) {
        try {
            JsonNode n = NetworkList.JSON.readTree(stdout);
            if (n != null && n.isObject() && n.has("msg")) {
                return new CniError(n.path("code").asInt(0), n.path("msg").asText(), n.path("details").asText(""));
            }
        } catch (java.io.IOException e) {
            // not JSON: fall back to stderr below
        }
        String err = new String(stderr, StandardCharsets.UTF_8).strip();
        String out = new String(stdout, StandardCharsets.UTF_8).strip();
        String text = !err.isEmpty() ? err : !out.isEmpty() ? out : "exit status " + exitStatus;
        return new CniError(0, text, "");
    }

    /** "msg; details" like libcni's error string (details only when present). */
    public String text() {
        return details.isEmpty() ? msg : msg + "; " + details;
    }
}
