package dev.minipod.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON trees without an ObjectMapper: jackson-core's streaming parser builds the {@link JsonNode}s and a
 * small writer renders them. Creating an ObjectMapper costs tens of milliseconds of class loading and
 * initialisation, which the short-lived CLI cannot afford on {@code get pods}.
 */
public final class Json {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() { return NODES.objectNode(); }

    public static ArrayNode array() { return NODES.arrayNode(); }

    /** Parses one JSON value (a daemon answer) without starting up jackson-core's parser machinery. */
    public static JsonNode read(byte[] bytes) throws IOException { return JsonReader.read(bytes); }

    /** Every root-level value the parser yields (several for a multi-document YAML stream). */
    static List<JsonNode> readAll(JsonParser p) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        while (p.nextToken() != null) out.add(readValue(p));
        return out;
    }

    /** Builds the value starting at the parser's current token. */
    static JsonNode readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, readValue(p));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(readValue(p));
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return NODES.numberNode(p.getIntValue());
                    case LONG: return NODES.numberNode(p.getLongValue());
                    default: return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT: {
                Object v = p.getEmbeddedObject();
                return v instanceof byte[] ? NODES.binaryNode((byte[]) v) : NODES.textNode(String.valueOf(v));
            }
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /** Compact JSON (request bodies). */
    public static byte[] bytes(JsonNode node) {
        StringBuilder sb = new StringBuilder(256);
        writeCompact(node, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeCompact(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            sb.append('{');
            boolean first = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) sb.append(',');
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                writeCompact(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) sb.append(',');
                writeCompact(node.get(i), sb);
            }
            sb.append(']');
        } else {
            scalar(node, sb);
        }
    }

    private static void scalar(JsonNode node, StringBuilder sb) {
        if (node.isTextual()) quote(node.textValue(), sb);
        else if (node.isNull() || node.isMissingNode()) sb.append("null");
        else if (node.isBinary()) quote(node.asText(), sb);
        else sb.append(node.asText()); // numbers and booleans
    }

    /** A copy with object keys sorted at every level, as Go's encoding of unstructured objects prints them. */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
            Collections.sort(names);
            ObjectNode out = NODES.objectNode();
            for (String n : names) out.set(n, sorted(node.get(n)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
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
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
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
        } else {
            scalar(node, sb);
        }
    }

    /** Writes a tree through a streaming generator (used for YAML output). */
    static void write(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                g.writeFieldName(e.getKey());
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode e : node) write(e, g);
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            g.writeNumber(node.bigIntegerValue());
        } else if (node.isNumber()) {
            g.writeNumber(node.doubleValue());
        } else if (node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else {
            g.writeString(node.asText());
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
                    if (c < 0x20) {
                        String hex = Integer.toHexString(c);
                        sb.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
