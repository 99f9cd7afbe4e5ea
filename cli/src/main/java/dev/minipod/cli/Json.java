package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The one JSON mapper of the CLI (trees only) and kubectl-style rendering of objects. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode read(byte[] bytes) throws IOException { return MAPPER.readTree(bytes); }

    public static byte[] bytes(JsonNode node) throws IOException { return MAPPER.writeValueAsBytes(node); }

    public static ObjectNode object() { return MAPPER.createObjectNode(); }

    /** A copy with object keys sorted at every level, as Go's encoding of unstructured objects prints them. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = MAPPER.createObjectNode();
            for (String n : names) out.set(n, sorted(node.get(n)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            for (JsonNode e : node) out.add(sorted(e));
            return out;
        }
        return node;
    }

    /** {@code kubectl -o json}: sorted keys, 4-space indent, {@code "k": v}, HTML characters escaped. */
    public static String pretty(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        writePretty(sorted(node), sb, 0);
        return sb.append('\n').toString();
    }

    private static void writePretty(JsonNode node, StringBuilder sb, int depth) {
        if (node.isObject()) {
            if (node.size() == 0) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                indent(sb, depth + 1);
                quote(e.getKey(), sb);
                sb.append(": ");
                writePretty(e.getValue(), sb, depth + 1);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.size() == 0) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(sb, depth + 1);
                writePretty(node.get(i), sb, depth + 1);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), sb);
        } else {
            sb.append(node.toString());
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) sb.append("    ");
    }

    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '<': sb.append("\\u003c"); break;
                case '>': sb.append("\\u003e"); break;
                case '&': sb.append("\\u0026"); break;
                case '\u2028': sb.append("\\u2028"); break;
                case '\u2029': sb.append("\\u2029"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }
}
