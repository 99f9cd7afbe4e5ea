package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code minipod get pods [NAME...] [-o wide|json|yaml|name]}. */
final class GetCommand implements Verb {
    static final Set<String> POD_TYPES = Set.of("pods", "pod", "po");
    static final Set<String> FORMATS = Set.of("", "wide", "json", "yaml", "name");

    /** A plain class, not a lambda: the first lambda of a JVM costs start-up time. */
    static final Comparator<JsonNode> BY_NAME = new Comparator<JsonNode>() {
        @Override
        public int compare(JsonNode a, JsonNode b) {
            return a.path("metadata").path("name").asText("").compareTo(b.path("metadata").path("name").asText(""));
        }
    };

    private final Main root;
    List<String> names = new ArrayList<>();
    String output = "";
    boolean watch;

    GetCommand(Main root) { this.root = root; }

    @Override public String name() { return "get"; }
    @Override public String summary() { return "Display one or many pods."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod get pods|pod|po [NAME...] [-o wide|json|yaml|name]");
        spec.addOption(Options.value("output", 'o', "FORMAT", "wide, json, yaml or name"));
        spec.addOption(Options.bool("watch", 'w', "Watch for changes (not supported yet)"));
        spec.addPositional(Options.positionals("pods|pod|po [NAME...]"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        output = Options.value(args, "output", "");
        watch = Options.bool(args, "watch", false);
        if (!FORMATS.contains(output)) {
            throw CliException.usage("unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: json,name,wide,yaml");
        }
        names = ResourceArgs.podNames(Options.positionals(args), "get");
    }

    @Override
    public int run() throws IOException {
        if (watch) throw CliException.usage("--watch is not supported yet");
        ApiClient api = root.api();
        String ns = root.namespace();
        List<JsonNode> pods = new ArrayList<>();
        List<ApiException> errors = new ArrayList<>();
        boolean single = names.size() == 1;
        if (names.isEmpty()) {
            JsonNode list = api.get(ApiClient.podsPath(ns));
            for (JsonNode item : list.path("items")) pods.add(item);
            pods.sort(BY_NAME);
        } else {
            for (String name : names) {
                try {
                    pods.add(api.get(ApiClient.podPath(ns, name)));
                } catch (ApiException e) {
                    errors.add(e);
                }
            }
        }
        print(pods, single && errors.isEmpty(), names.isEmpty(), ns);
        int exit = 0;
        for (ApiException e : errors) {
            int code = ErrorHandler.report(e, root.err);
            if (exit == 0) exit = code;
        }
        return exit;
    }

    private void print(List<JsonNode> pods, boolean single, boolean listing, String ns) throws IOException {
        switch (output) {
            case "json":
            case "yaml":
                if (pods.isEmpty() && !listing) return;
                JsonNode obj = single ? withKind(pods.get(0)) : asList(pods);
                root.out.print(output.equals("json") ? Json.pretty(obj) : Yaml.pretty(obj));
                return;
            case "name":
                if (pods.isEmpty() && listing) {
                    root.err.println("No resources found in " + ns + " namespace.");
                }
                for (JsonNode p : pods) root.out.println("pod/" + p.path("metadata").path("name").asText());
                return;
            default:
                if (pods.isEmpty()) {
                    if (listing) root.err.println("No resources found in " + ns + " namespace.");
                    return;
                }
                root.out.print(PodPrinter.table(pods, Instant.now(), output.equals("wide")));
        }
    }

    static JsonNode asList(List<JsonNode> pods) {
        ObjectNode list = Json.object();
        list.put("apiVersion", "v1");
        ArrayNode items = list.putArray("items");
        for (JsonNode p : pods) items.add(withKind(p));
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    private static JsonNode withKind(JsonNode pod) {
        if (pod.has("kind") && pod.has("apiVersion") || !pod.isObject()) return pod;
        ObjectNode copy = Json.object();
        copy.put("apiVersion", "v1");
        copy.put("kind", "Pod");
        copy.setAll((ObjectNode) pod);
        return copy;
    }
}
