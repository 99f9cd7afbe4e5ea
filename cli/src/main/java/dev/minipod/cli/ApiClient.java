package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The daemon's Kubernetes-shaped API: paths, JSON bodies, Status errors turned into {@link ApiException}. */
public final class ApiClient {
    private final UnixHttpClient http;

    public ApiClient(Path socket) { this(new UnixHttpClient(socket)); }

    public ApiClient(UnixHttpClient http) { this.http = http; }

    public UnixHttpClient http() { return http; }

    public static String podsPath(String ns) { return "/api/v1/namespaces/" + enc(ns) + "/pods"; }

    public static String podPath(String ns, String name) { return podsPath(ns) + "/" + enc(name); }

    public static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    public JsonNode get(String path) throws IOException { return json("GET", path, null); }

    public JsonNode post(String path, JsonNode body) throws IOException { return json("POST", path, body); }

    public JsonNode delete(String path) throws IOException { return json("DELETE", path, null); }

    /** Sends a request and returns the parsed 2xx body; a non-2xx answer throws {@link ApiException}. */
    public JsonNode json(String method, String path, JsonNode body) throws IOException {
        try (HttpResponse resp = open(method, path, body == null ? null : Json.bytes(body), "application/json")) {
            byte[] bytes = resp.bodyBytes();
            return bytes.length == 0 ? Json.object() : Json.read(bytes);
        }
    }

    /** Sends a request and returns the open response for streaming; a non-2xx answer throws. */
    public HttpResponse open(String method, String path, byte[] body, String contentType) throws IOException {
        HttpResponse resp = http.send(method, path, body, contentType);
        if (!resp.ok()) {
            try (resp) {
                throw ApiException.from(resp.status(), resp.bodyBytes());
            }
        }
        return resp;
    }
}
