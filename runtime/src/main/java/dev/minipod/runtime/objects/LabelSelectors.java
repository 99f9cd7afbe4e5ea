package dev.minipod.runtime.objects;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.minipod.runtime.validate.FieldError;

/** metav1.LabelSelector on JSON: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist), ANDed. */
final class LabelSelectors {
    static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelSelectors() {}

    /** Whether labels satisfy the selector; a missing or empty selector selects everything. */
    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) return true;
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) return false;
        }
        for (JsonNode req : selector.path("matchExpressions")) {
            String key = req.path("key").asText("");
            boolean has = labels.has(key);
            String value = labels.path(key).asText("");
            List<String> values = new ArrayList<>();
            req.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (req.path("operator").asText("")) {
                case "In" -> has && values.contains(value);
                case "NotIn" -> !has || !values.contains(value);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    /** The apiserver's checks of a selector's operators and values. */
    static void validate(JsonNode selector, String path, List<FieldError> out) {
        int i = 0;
        for (JsonNode req : selector.path("matchExpressions")) {
            String p = path + ".matchExpressions[" + i++ + "]";
            String op = req.path("operator").asText("");
            int n = req.path("values").size();
            if (!OPERATORS.contains(op)) {
                out.add(FieldError.invalid(p + ".operator", op, "not a valid selector operator"));
            } else if ((op.equals("In") || op.equals("NotIn")) && n == 0) {
                out.add(FieldError.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
            } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && n > 0) {
                out.add(FieldError.forbidden(p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            }
        }
    }
}
