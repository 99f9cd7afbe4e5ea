package dev.minipod.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/** YAML reading (multi-document) and {@code -o yaml} writing; loaded only by the verbs that need it. */
final class Yaml {
    static final YAMLFactory FACTORY = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    private Yaml() {}

    /** Every document of a YAML stream, as trees. */
    static List<JsonNode> readAll(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return Json.readAll(p);
        }
    }

    /** {@code kubectl -o yaml}: sorted keys, block style, lists at the parent's indentation. */
    static String pretty(JsonNode node) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            Json.write(Json.sorted(node), g);
        }
        return w.toString();
    }
}
