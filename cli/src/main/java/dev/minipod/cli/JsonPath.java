package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of kubectl's JSONPath that {@code wait --for=jsonpath=...} needs: kubectl's "relaxed" forms
 * ({@code {.a.b}}, {@code .a.b}, {@code a.b}), dotted fields, {@code [N]} (negative counts from the end),
 * {@code [*]}, and filters {@code [?(@.field=="x")]} / {@code !=}. Missing keys yield no result, as with
 * kubectl's {@code AllowMissingKeys(true)}.
 */
final class JsonPath {
    private interface Step {
        void apply(JsonNode in, List<JsonNode> out);
    }

    private final List<Step> steps;

    private JsonPath(List<Step> steps) { this.steps = steps; }

    /** Parses kubectl's relaxed expression; throws IllegalArgumentException with kubectl's message. */
    static JsonPath parse(String expression) {
        String e = expression.trim();
        if (e.startsWith("{")) e = e.substring(1);
        if (e.endsWith("}")) e = e.substring(0, e.length() - 1);
        if (e.startsWith(".")) e = e.substring(1);
        if (e.isEmpty() || e.indexOf('{') >= 0 || e.indexOf('}') >= 0) {
            throw new IllegalArgumentException("unexpected path string, expected a 'name1.name2' or '.name1.name2' or"
                    + " '{name1.name2}' or '{.name1.name2}'");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < e.length()) {
            char c = e.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = closing(e, i);
                steps.add(bracket(e.substring(i + 1, close), expression));
                i = close + 1;
            } else {
                int j = i;
                while (j < e.length() && e.charAt(j) != '.' && e.charAt(j) != '[') j++;
                steps.add(new Field(e.substring(i, j)));
                i = j;
            }
        }
        return new JsonPath(steps);
    }

    /** Every value the expression selects, in document order. */
    List<JsonNode> find(JsonNode root) {
        List<JsonNode> current = new ArrayList<>();
        current.add(root);
        for (Step s : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) s.apply(n, next);
            current = next;
        }
        return current;
    }

    /** A selected scalar as Go's {@code %v} prints the decoded JSON value. */
    static String text(JsonNode v) {
        if (v.isNull()) return "<nil>";
        if (v.isContainerNode()) throw new IllegalArgumentException("jsonpath leads to a nested object or list which is not supported");
        return v.asText();
    }

    private static int closing(String e, int open) {
        boolean quoted = false;
        char quote = 0;
        for (int i = open + 1; i < e.length(); i++) {
            char c = e.charAt(i);
            if (quoted) {
                if (c == quote) quoted = false;
            } else if (c == '"' || c == '\'') {
                quoted = true;
                quote = c;
            } else if (c == ']') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated array");
    }

    private static Step bracket(String inside, String expression) {
        String s = inside.trim();
        if (s.equals("*")) return new All();
        if (s.startsWith("?(") && s.endsWith(")")) return Filter.parse(s.substring(2, s.length() - 1).trim(), expression);
        if (s.startsWith("'") && s.endsWith("'") && s.length() >= 2) return new Field(s.substring(1, s.length() - 1));
        try {
            return new Index(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported JSONPath subscript [" + inside + "] in " + expression);
        }
    }

    private static final class Field implements Step {
        private final String name;

        Field(String name) { this.name = name; }

        @Override
        public void apply(JsonNode in, List<JsonNode> out) {
            JsonNode v = in.isObject() ? in.get(name) : null;
            if (v != null) out.add(v);
        }
    }

    private static final class Index implements Step {
        private final int index;

        Index(int index) { this.index = index; }

        @Override
        public void apply(JsonNode in, List<JsonNode> out) {
            if (!in.isArray()) return;
            int i = index < 0 ? in.size() + index : index;
            if (i >= 0 && i < in.size()) out.add(in.get(i));
        }
    }

    private static final class All implements Step {
        @Override
        public void apply(JsonNode in, List<JsonNode> out) {
            if (in.isArray() || in.isObject()) {
                for (JsonNode v : in) out.add(v);
            }
        }
    }

    /** {@code @.a.b == "x"}, {@code @.a != 'x'}, {@code @.n == 3}, or {@code @.a} alone (exists). */
    private static final class Filter implements Step {
        private final JsonPath left;
        private final String op;
        private final String literal;

        private Filter(JsonPath left, String op, String literal) {
            this.left = left;
            this.op = op;
            this.literal = literal;
        }

        static Filter parse(String cond, String expression) {
            int at = cond.indexOf("==");
            String op = "==";
            if (at < 0) {
                at = cond.indexOf("!=");
                op = "!=";
            }
            String lhs = at < 0 ? cond : cond.substring(0, at).trim();
            if (!lhs.startsWith("@")) throw new IllegalArgumentException("unsupported JSONPath filter " + cond + " in " + expression);
            String path = lhs.substring(1);
            JsonPath left = path.isEmpty() ? new JsonPath(List.of()) : JsonPath.parse(path);
            if (at < 0) return new Filter(left, null, null);
            String rhs = cond.substring(at + 2).trim();
            if (rhs.length() >= 2 && (rhs.charAt(0) == '"' || rhs.charAt(0) == '\'') && rhs.charAt(rhs.length() - 1) == rhs.charAt(0)) {
                rhs = rhs.substring(1, rhs.length() - 1);
            }
            return new Filter(left, op, rhs);
        }

        @Override
        public void apply(JsonNode in, List<JsonNode> out) {
            if (!in.isArray()) return;
            for (JsonNode el : in) {
                List<JsonNode> found = left.find(el);
                boolean match;
                if (op == null) {
                    match = !found.isEmpty();
                } else {
                    boolean equal = !found.isEmpty() && !found.get(0).isContainerNode() && literal.equals(found.get(0).asText());
                    match = op.equals("==") ? equal : !found.isEmpty() && !equal;
                }
                if (match) out.add(el);
            }
        }
    }
}
