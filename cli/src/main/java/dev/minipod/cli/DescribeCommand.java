package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code minipod describe pods [NAME...]} / {@code describe pod/NAME}: kubectl's description of each pod with its
 * events. Like kubectl, {@code describe pod NAME} falls back to every pod whose name starts with NAME when no pod
 * has that exact name, descriptions are separated by two blank lines, and the pods that were not found are
 * reported after the descriptions of those that were.
 */
final class DescribeCommand implements Verb {
    private final Main root;
    List<String> names = new ArrayList<>();
    boolean prefixMatch;

    DescribeCommand(Main root) { this.root = root; }

    @Override public String name() { return "describe"; }
    @Override public String summary() { return "Show details of one or many pods, with their events."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod describe pods|pod|po [NAME_PREFIX | NAME...] | pod/NAME...");
        spec.addPositional(Options.positionals("pods|pod|po [NAME...]"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        names = ResourceArgs.podNames(p, "describe");
        prefixMatch = p.size() == 2 && !p.get(0).contains("/");
    }

    @Override
    public int run() throws IOException {
        ApiClient api = root.api();
        String ns = root.namespace();
        List<JsonNode> pods = new ArrayList<>();
        List<ApiException> errors = new ArrayList<>();
        if (names.isEmpty()) {
            pods.addAll(list(api, ns));
        } else {
            for (String name : names) {
                try {
                    pods.add(api.get(ApiClient.podPath(ns, name)));
                } catch (ApiException e) {
                    errors.add(e);
                }
            }
            if (prefixMatch && !errors.isEmpty() && "NotFound".equals(errors.get(0).reason())) {
                for (JsonNode p : list(api, ns)) {
                    if (p.path("metadata").path("name").asText("").startsWith(names.get(0))) pods.add(p);
                }
                if (!pods.isEmpty()) errors.clear();
            }
        }
        print(api, ns, pods);
        if (pods.isEmpty() && errors.isEmpty()) root.err.println("No resources found in " + ns + " namespace.");
        int exit = 0;
        for (ApiException e : errors) {
            int code = ErrorHandler.report(e, root.err);
            if (exit == 0) exit = code;
        }
        return exit;
    }

    private boolean printed;

    private void print(ApiClient api, String ns, List<JsonNode> pods) throws IOException {
        ZoneId zone = ZoneId.systemDefault();
        for (JsonNode pod : pods) {
            String name = pod.path("metadata").path("name").asText("");
            String podNs = pod.path("metadata").path("namespace").asText(ns);
            List<JsonNode> events = events(api, podNs.isEmpty() ? ns : podNs, name);
            String text = PodDescriber.describe(pod, events, Instant.now(), zone);
            root.out.print(printed ? "\n\n" + text : text);
            printed = true;
        }
        root.out.flush();
    }

    private static List<JsonNode> list(ApiClient api, String ns) throws IOException {
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode item : api.get(ApiClient.podsPath(ns)).path("items")) pods.add(item);
        pods.sort(GetCommand.BY_NAME);
        return pods;
    }

    static String eventsPath(String ns, String name) {
        return "/api/v1/namespaces/" + ApiClient.enc(ns) + "/events?fieldSelector="
                + ApiClient.enc("involvedObject.name=" + name);
    }

    /** The pod's events; none when the daemon has no events path yet (404) or fails (kubectl ignores that too). */
    static List<JsonNode> events(ApiClient api, String ns, String name) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        JsonNode list;
        try {
            list = api.get(eventsPath(ns, name));
        } catch (ApiException e) {
            return events;
        }
        for (JsonNode e : list.path("items")) {
            if (PodDescriber.about(e, ns, name)) events.add(e);
        }
        return events;
    }
}
