package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code minipod get pods [NAME...] [-o wide|json|yaml|name]}. */
@Command(name = "get", description = "Display one or many pods.")
final class GetCommand implements Callable<Integer> {
    static final Set<String> POD_TYPES = Set.of("pods", "pod", "po");
    static final Set<String> FORMATS = Set.of("", "wide", "json", "yaml", "name");

    @ParentCommand
    Main root;

    @Parameters(arity = "0..*", paramLabel = "TYPE [NAME...]", description = "pods, optionally names (also pod/NAME).")
    List<String> args = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "wide, json, yaml or name.")
    String output = "";

    @Option(names = {"-w", "--watch"}, description = "Not supported yet.")
    boolean watch;

    @Override
    public Integer call() throws IOException {
        if (!FORMATS.contains(output)) {
            throw CliException.usage("unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: json,name,wide,yaml");
        }
        if (watch) throw CliException.usage("--watch is not supported yet");
        List<String> names = ResourceArgs.podNames(args, "get");
        ApiClient api = root.api();
        String ns = root.namespace();
        List<JsonNode> pods = new ArrayList<>();
        List<ApiException> errors = new ArrayList<>();
        boolean single = names.size() == 1;
        if (names.isEmpty()) {
            JsonNode list = api.get(ApiClient.podsPath(ns));
            list.path("items").forEach(pods::add);
            pods.sort(Comparator.comparing(p -> p.path("metadata").path("name").asText("")));
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
