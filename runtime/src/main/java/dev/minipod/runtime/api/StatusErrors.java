package dev.minipod.runtime.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.minipod.runtime.MinipodException;

/** Maps errors to Kubernetes v1 Status objects and HTTP codes. */
public final class StatusErrors {
    private StatusErrors() {}

    public static int httpCode(String reason) {
        return switch (reason) {
            case "Invalid" -> 422;
            case "BadRequest" -> 400;
            case "NotFound" -> 404;
            case "AlreadyExists", "Conflict" -> 409;
            case "MethodNotAllowed" -> 405;
            default -> 500;
        };
    }

    /** A v1 Status; causes are the field errors of an Invalid error, if any. */
    public static Map<String, Object> status(MinipodException e, List<Map<String, String>> causes) {
        int code = httpCode(e.reason());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.put("metadata", Map.of());
        s.put("status", "Failure");
        s.put("message", e.getMessage());
        s.put("reason", code == 500 ? "InternalError" : e.reason());
        if (causes != null && !causes.isEmpty()) {
            s.put("details", Map.of("causes", causes));
        }
        s.put("code", code);
        return s;
    }
}
