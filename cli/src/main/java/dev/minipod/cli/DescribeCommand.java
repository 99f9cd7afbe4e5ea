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
    List<ObjectArgs.Request> objects;

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
        if (ObjectArgs.isObjectRequest(p)) {
            objects = ObjectArgs.parse(p, "describe");
            return;
        }
        names = ResourceArgs.podNames(p, "describe");
        prefixMatch = p.size() == 2 && !p.get(0).contains("/");
    }

    @Override
    public int run() throws IOException {
        ApiClient api = root.api();
        String ns = root.namespace();
        if (objects != null) return describeObjects(api, ns);
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

    /** ConfigMaps, Secrets, claims, volumes, classes, presets: each named one, or every one of the type. */
    private int describeObjects(ApiClient api, String ns) throws IOException {
        int exit = 0;
        boolean any = false;
        for (ObjectArgs.Request r : objects) {
            List<JsonNode> items = new ArrayList<>();
            if (r.names.isEmpty()) {
                for (JsonNode item : api.get(r.type.collection(ns)).path("items")) items.add(item);
                items.sort(GetCommand.BY_NAME);
            }
            for (String name : r.names) {
                try {
                    items.add(api.get(r.type.path(ns, name)));
                } catch (ApiException e) {
                    int code = ErrorHandler.report(e, root.err);
                    if (exit == 0) exit = code;
                }
            }
            for (JsonNode o : items) {
                List<String> usedBy = r.type == ObjectTypes.CLAIMS ? claimUsers(api, ns, o.path("metadata").path("name").asText()) : List.of();
                String text = ObjectDescriber.describe(r.type, o, usedBy);
                root.out.print(printed ? "\n\n" + text : text);
                printed = true;
                any = true;
            }
        }
        if (!any && exit == 0) root.err.println("No resources found in " + ns + " namespace.");
        return exit;
    }

    /** The pods whose volumes name this claim. */
    private static List<String> claimUsers(ApiClient api, String ns, String claim) throws IOException {
        List<String> users = new ArrayList<>();
        for (JsonNode p : list(api, ns)) {
            for (JsonNode v : p.path("spec").path("volumes")) {
                if (claim.equals(v.path("persistentVolumeClaim").path("claimName").asText())) {
                    users.add(p.path("metadata").path("name").asText());
                    break;
                }
            }
        }
        return users;
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
