package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A non-2xx answer of the daemon, carrying the fields of its v1 Status object. */
public final class ApiException extends RuntimeException {
    /** One entry of {@code details.causes}. */
    public record Cause(String reason, String field, String message) {}

    private final int code;
    private final String reason;
    private final String kind;
    private final String name;
    private final List<Cause> causes;
    private final String context;

    public ApiException(int code, String reason, String message, String kind, String name, List<Cause> causes,
                        String context) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.kind = kind;
        this.name = name;
        this.causes = List.copyOf(causes);
        this.context = context;
    }

    public int code() { return code; }
    public String reason() { return reason; }
    public String kind() { return kind; }
    public String name() { return name; }
    public List<Cause> causes() { return causes; }
    /** Prefix kubectl puts before the server message, e.g. {@code error when creating "pod.yaml": }. */
    public String context() { return context; }

    public ApiException withContext(String newContext) {
        return new ApiException(code, reason, getMessage(), kind, name, causes, newContext);
    }

    /** Builds the exception from an HTTP status and body (a Status object, or anything else). */
    public static ApiException from(int httpStatus, byte[] body) {
        JsonNode status = null;
        try {
            if (body.length > 0 && body[0] == '{') status = Json.read(body);
        } catch (Exception ignored) {
            // not JSON: fall back to the raw text
        }
        if (status != null && "Status".equals(status.path("kind").asText())) {
            JsonNode details = status.path("details");
            List<Cause> causes = new ArrayList<>();
            for (JsonNode c : details.path("causes")) {
                causes.add(new Cause(c.path("reason").asText(""), c.path("field").asText(""), c.path("message").asText("")));
            }
            int code = status.path("code").asInt(httpStatus);
            String reason = status.path("reason").asText("");
            if (reason.isEmpty()) reason = reasonFor(code);
            return new ApiException(code, reason, status.path("message").asText(""),
                    details.path("kind").asText(""), details.path("name").asText(""), causes, "");
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        if (text.isEmpty() && httpStatus == 404) text = "the server could not find the requested resource";
        if (text.isEmpty()) text = "unknown (HTTP " + httpStatus + ")";
        return new ApiException(httpStatus, reasonFor(httpStatus), text, "", "", List.of(), "");
    }

    static String reasonFor(int code) {
        switch (code) {
            case 400: return "BadRequest";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "NotFound";
            case 405: return "MethodNotAllowed";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 422: return "Invalid";
            case 429: return "TooManyRequests";
            case 500: return "InternalError";
            case 503: return "ServiceUnavailable";
            case 504: return "Timeout";
            default: return "";
        }
    }
}
