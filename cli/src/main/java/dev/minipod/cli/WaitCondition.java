package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;

/**
 * What {@code wait --for} waits on, with kubectl's semantics: {@code delete}; {@code condition=NAME[=VALUE]}
 * (the first condition of that type, names and values compared case-insensitively, VALUE default true, not met
 * while the condition's observedGeneration lags metadata.generation); {@code jsonpath=EXPR[=VALUE]} (exactly one
 * scalar result, compared as text after trimming; without VALUE any result). Pure.
 */
final class WaitCondition {
    enum Kind { DELETE, CONDITION, JSONPATH }

    final Kind kind;
    private final String name;
    private final String value;
    private final JsonPath path;

    private WaitCondition(Kind kind, String name, String value, JsonPath path) {
        this.kind = kind;
        this.name = name;
        this.value = value;
        this.path = path;
    }

    /** Parses the value of --for; throws CliException (usage) with kubectl's message. */
    static WaitCondition parse(String spec) {
        if (spec.toLowerCase(Locale.ROOT).equals("delete")) return new WaitCondition(Kind.DELETE, null, null, null);
        if (spec.startsWith("condition=")) {
            String rest = spec.substring("condition=".length());
            int eq = rest.indexOf('=');
            return new WaitCondition(Kind.CONDITION, eq < 0 ? rest : rest.substring(0, eq), eq < 0 ? "true" : rest.substring(eq + 1), null);
        }
        if (spec.startsWith("jsonpath=")) {
            String rest = spec.substring("jsonpath=".length());
            String expr;
            String val = null;
            int split = rest.startsWith("{") ? rest.indexOf('}') + 1 : rest.indexOf('=');
            if (split <= 0 || split >= rest.length()) {
                expr = split == 0 ? rest : rest.substring(0, split < 0 ? rest.length() : split);
            } else {
                expr = rest.substring(0, split);
                String tail = rest.substring(split);
                if (!tail.startsWith("=") ) throw format();
                val = tail.substring(1);
                if (val.isEmpty()) throw CliException.usage("jsonpath wait value cannot be empty");
                if (val.contains("=")) throw format();
                val = trimQuotes(val);
            }
            if (expr.startsWith("{") && !expr.endsWith("}")) throw format();
            if (expr.isEmpty()) throw CliException.usage("jsonpath expression cannot be empty");
            try {
                return new WaitCondition(Kind.JSONPATH, null, val, JsonPath.parse(expr));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
        }
        throw CliException.usage("unrecognized condition: \"" + spec + "\"");
    }

    private static CliException format() {
        return CliException.usage("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or"
                + " --for=jsonpath='{.status.readyReplicas}'");
    }

    private static String trimQuotes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == '\'' || s.charAt(a) == '"')) a++;
        while (b > a && (s.charAt(b - 1) == '\'' || s.charAt(b - 1) == '"')) b--;
        return s.substring(a, b);
    }

    /** Whether the pod meets a condition or jsonpath wait; throws CliException for an unusable jsonpath result. */
    boolean isMet(JsonNode pod) {
        if (kind == Kind.CONDITION) {
            for (JsonNode c : pod.path("status").path("conditions")) {
                JsonNode type = c.get("type");
                JsonNode status = c.get("status");
                if (type == null || !type.isTextual() || !type.asText().equalsIgnoreCase(name)) continue;
                if (status == null || !status.isTextual()) continue;
                JsonNode generation = pod.path("metadata").get("generation");
                if (generation != null && generation.canConvertToLong()) {
                    JsonNode observed = c.has("observedGeneration") ? c.get("observedGeneration") : pod.path("status").get("observedGeneration");
                    if (observed != null && observed.canConvertToLong() && observed.asLong() < generation.asLong()) return false;
                }
                return status.asText().equalsIgnoreCase(value);
            }
            return false;
        }
        if (kind == Kind.JSONPATH) {
            List<JsonNode> found = path.find(pod);
            if (found.isEmpty()) return false;
            if (found.size() > 1) throw CliException.failure("given jsonpath expression matches more than one value");
            if (value == null) return true;
            try {
                return JsonPath.text(found.get(0)).trim().equals(value.trim());
            } catch (IllegalArgumentException e) {
                throw CliException.failure(e.getMessage());
            }
        }
        throw new IllegalStateException("delete is met when the pod is gone");
    }
}
