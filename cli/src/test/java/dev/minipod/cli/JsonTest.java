package dev.minipod.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    private static JsonNode read(String s) throws IOException { return Json.read(s.getBytes(StandardCharsets.UTF_8)); }

    private static JsonNode jackson(String s) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(s)) {
            p.nextToken();
            return Json.readValue(p);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "0", "-12", "3.5", "1e3", "-0.25E-2", "2147483647", "2147483648", "-9223372036854775808",
            "123456789012345678901234567890", "true", "false", "null", "\"\"",
            "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\"", "\"caf\u00e9 \u2603\"",
            " { \"a\" : [ 1 , { \"b\" : null } ] , \"c\" : \"d\" } ",
            "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"x\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"ports\":[{\"containerPort\":8080}]}]}}]}"
    })
    void readsTheSameTreeAsJackson(String json) throws IOException {
        assertThat(read(json)).isEqualTo(jackson(json));
    }

    @Test
    void numbersKeepTheirWidth() throws IOException {
        assertThat(read("7").isInt()).isTrue();
        assertThat(read("4294967296").isLong()).isTrue();
        assertThat(read("99999999999999999999").bigIntegerValue()).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(read("1.5").isDouble()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,]", "{\"a\"}", "{\"a\":1,}", "01", "1.", "-", "tru", "\"x", "\"\\x\"", "[1] 2", "{'a':1}",
            "\"a\u0001\"", "\"\\u12\""})
    void rejectsMalformedJson(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class);
    }

    @Test
    void compactAndPrettyWritersRoundTrip() throws IOException {
        String json = "{\"b\":[1,2.5,true,null,\"<x&y>\"],\"a\":{\"z\":{},\"y\":[]},\"c\":\"line\\nbreak \\u0001\"}";
        JsonNode n = read(json);
        assertThat(read(new String(Json.bytes(n), StandardCharsets.UTF_8))).isEqualTo(n);
        assertThat(Json.pretty(n)).isEqualTo("{\n"
                + "    \"a\": {\n"
                + "        \"y\": [],\n"
                + "        \"z\": {}\n"
                + "    },\n"
                + "    \"b\": [\n"
                + "        1,\n"
                + "        2.5,\n"
                + "        true,\n"
                + "        null,\n"
                + "        \"\\u003cx\\u0026y\\u003e\"\n"
                + "    ],\n"
                + "    \"c\": \"line\\nbreak \\u0001\"\n"
                + "}\n");
    }

    @Test
    void yamlOutputIsSortedBlockStyle() throws IOException {
        JsonNode n = read("{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox\",\"args\":[\"8080\",\"true\"]}]},\"kind\":\"Pod\"}");
        assertThat(Yaml.pretty(n)).isEqualTo("kind: Pod\nspec:\n  containers:\n  - args:\n    - \"8080\"\n    - \"true\"\n"
                + "    image: busybox\n    name: app\n");
    }

    @Test
    void multiDocumentYaml() throws IOException {
        assertThat(Yaml.readAll("a: 1\n---\nb: [x, y]\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly(read("{\"a\":1}"), read("{\"b\":[\"x\",\"y\"]}"));
    }
}
