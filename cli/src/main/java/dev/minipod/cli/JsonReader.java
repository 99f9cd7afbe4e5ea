package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * A strict RFC 8259 reader that builds Jackson {@link JsonNode} trees directly. jackson-core's parser
 * factory loads and initialises some seventy classes (recycler pools, symbol tables, constraints) on
 * first use; for the few kilobytes of a daemon answer this reader is enough and keeps {@code get pods}
 * inside its start-up budget.
 */
final class JsonReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 1000;

    private final String s;
    private int pos;

    private JsonReader(String s) { this.s = s; }

    /** Parses exactly one JSON value (surrounding whitespace allowed). */
    static JsonNode read(byte[] utf8) throws IOException {
        JsonReader r = new JsonReader(new String(utf8, StandardCharsets.UTF_8));
        r.skipSpace();
        JsonNode v = r.value(0);
        r.skipSpace();
        if (r.pos != r.s.length()) throw r.error("unexpected text after the JSON value");
        return v;
    }

    private JsonNode value(int depth) throws IOException {
        if (depth > MAX_DEPTH) throw error("JSON nested too deeply");
        if (pos >= s.length()) throw error("unexpected end of JSON");
        char c = s.charAt(pos);
        switch (c) {
            case '{': return object(depth);
            case '[': return array(depth);
            case '"': return NODES.textNode(string());
            case 't': literal("true"); return NODES.booleanNode(true);
            case 'f': literal("false"); return NODES.booleanNode(false);
            case 'n': literal("null"); return NODES.nullNode();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "'");
        }
    }

    private ObjectNode object(int depth) throws IOException {
        ObjectNode o = NODES.objectNode();
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return o;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a field name");
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            o.set(name, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') return o;
            if (c != ',') throw error("expected ',' or '}'");
        }
    }

    private ArrayNode array(int depth) throws IOException {
        ArrayNode a = NODES.arrayNode();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            skipSpace();
            a.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') return a;
            if (c != ',') throw error("expected ',' or ']'");
        }
    }

    private String string() throws IOException {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= s.length()) throw error("unterminated string");
            char c = s.charAt(pos);
            if (c == '"') {
                String tail = s.substring(start, pos++);
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) sb = new StringBuilder();
            sb.append(s, start, pos);
            pos++;
            char e = next();
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > s.length()) throw error("bad \\u escape");
                    try {
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                    break;
                default:
                    throw error("bad escape \\" + e);
            }
            start = pos;
        }
    }

    private JsonNode number() throws IOException {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            integral = false;
            if (!digits()) throw error("bad number");
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') pos++;
            if (!digits()) throw error("bad number");
        }
        String text = s.substring(start, pos);
        if (!integral) return NODES.numberNode(Double.parseDouble(text));
        if (text.length() < 10) return NODES.numberNode(Integer.parseInt(text));
        BigInteger big = new BigInteger(text);
        if (big.bitLength() < 32) return NODES.numberNode(big.intValue());
        if (big.bitLength() < 64) return NODES.numberNode(big.longValue());
        return NODES.numberNode(big);
    }

    private boolean digits() {
        int start = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
        return pos > start;
    }

    private void literal(String word) throws IOException {
        if (!s.startsWith(word, pos)) throw error("unexpected text");
        pos += word.length();
    }

    private void expect(char c) throws IOException {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

    private char next() throws IOException {
        if (pos >= s.length()) throw error("unexpected end of JSON");
        return s.charAt(pos++);
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private IOException error(String what) { return new IOException(what + " at offset " + pos); }
}
