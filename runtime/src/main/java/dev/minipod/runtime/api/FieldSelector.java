package dev.minipod.runtime.api;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.minipod.runtime.MinipodException;

/** Parses a Kubernetes field selector of equality terms: `a=b,c==d` (`!=` is not supported yet). */
public final class FieldSelector {
    private FieldSelector() {}

    public static Map<String, String> parse(String selector) {
        Map<String, String> terms = new LinkedHashMap<>();
        if (selector == null || selector.isBlank()) {
            return terms;
        }
        for (String term : selector.split(",")) {
            if (term.contains("!=")) {
                throw new MinipodException("BadRequest", 2, "invalid field selector `" + term + "`: `!=` is not supported yet by minipod");
            }
            int eq = term.indexOf('=');
            if (eq <= 0) {
                throw new MinipodException("BadRequest", 2, "invalid field selector: `" + term + "`: expected KEY=VALUE");
            }
            String value = term.substring(eq + 1);
            terms.put(term.substring(0, eq).trim(), value.startsWith("=") ? value.substring(1) : value);
        }
        return terms;
    }
}
