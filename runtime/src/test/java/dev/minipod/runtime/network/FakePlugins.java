package dev.minipod.runtime.network;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/** Records every plugin call and answers with a scripted output per "type COMMAND". */
final class FakePlugins implements PluginExec {
    record Call(String type, Map<String, String> env, JsonNode stdin) {
        String command() { return env.get("CNI_COMMAND"); }
    }

    final List<Call> calls = new ArrayList<>();
    final Map<String, Function<Call, Output>> answers = new HashMap<>();

    static Output ok(String json) {
        return new Output(0, json.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    static Output fail(int status, String stdout, String stderr) {
        return new Output(status, stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Output run(Path binary, Map<String, String> env, byte[] stdin, Duration timeout) {
        try {
            Call c = new Call(binary.getFileName().toString(), env, NetworkList.JSON.readTree(stdin));
            calls.add(c);
            Function<Call, Output> a = answers.get(c.type() + " " + c.command());
            if (a != null) {
                return a.apply(c);
            }
            // default: ADD passes prevResult through (or a fresh result), others succeed silently
            if (c.command().equals("ADD")) {
                JsonNode prev = c.stdin().get("prevResult");
                return ok(prev != null ? prev.toString()
                        : "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.86.0.7/16\",\"gateway\":\"10.86.0.1\"}]}");
            }
            return ok("");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> summary() {
        return calls.stream().map(c -> c.type() + " " + c.command()).toList();
    }
}
