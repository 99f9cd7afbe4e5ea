package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code minipod get pods [NAME...] [-o wide|json|yaml|name] [-w]}. With {@code -w} it prints the pods, then one
 * row (or object) per change: from the daemon's watch stream ({@code ?watch=true}, JSON lines), or, when the daemon
 * answers that request with a 4xx, by listing every second and printing the pods whose row changed.
 */
final class GetCommand implements Verb {
    static final Set<String> POD_TYPES = Set.of("pods", "pod", "po");
    static final Set<String> FORMATS = Set.of("", "wide", "json", "yaml", "name");
    static final long WATCH_POLL_MILLIS = 1000;

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
    /** Set when the arguments name other types (ConfigMaps, claims...): those are printed by {@link ObjectGet}. */
    List<ObjectArgs.Request> objects;

    GetCommand(Main root) { this.root = root; }

    @Override public String name() { return "get"; }
    @Override public String summary() { return "Display one or many pods, ConfigMaps, Secrets, volumes, claims, classes or presets."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod get pods|pod|po [NAME...] [-o wide|json|yaml|name] [-w]%n"
                + "  minipod get configmaps|cm|secrets|pvc|pv|storageclasses|sc|podpresets[,TYPE...] [NAME...] [-o wide|json|yaml|name]");
        spec.addOption(Options.value("output", 'o', "FORMAT", "wide, json, yaml or name"));
        spec.addOption(Options.bool("watch", 'w', "After listing, print every change"));
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
        List<String> positionals = Options.positionals(args);
        if (ObjectArgs.isObjectRequest(positionals)) {
            if (watch) throw CliException.usage("watch is only supported for pods");
            objects = ObjectArgs.parse(positionals, "get");
            return;
        }
        names = ResourceArgs.podNames(positionals, "get");
    }

    @Override
    public int run() throws IOException {
        if (objects != null) return ObjectGet.run(root, objects, output);
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
        if (watch && errors.isEmpty()) return watch(api, ns, pods);
        print(pods, single && errors.isEmpty(), names.isEmpty(), ns);
        int exit = 0;
        for (ApiException e : errors) {
            int code = ErrorHandler.report(e, root.err);
            if (exit == 0) exit = code;
        }
        return exit;
    }

    private int watch(ApiClient api, String ns, List<JsonNode> pods) throws IOException {
        if (root.handleInterrupts) Interrupts.exitOneOnSigint(root.out);
        PodWatchTable table = new PodWatchTable(output.equals("wide"));
        Map<String, String> listed = new HashMap<>();
        for (JsonNode p : pods) listed.put(p.path("metadata").path("name").asText(""), p.path("metadata").path("resourceVersion").asText(""));
        emit(table, pods);
        HttpResponse stream;
        try {
            stream = api.open("GET", ApiClient.podsPath(ns) + "?watch=true", null, null);
        } catch (ApiException e) {
            if (e.code() >= 400 && e.code() < 500) return poll(api, ns, table);
            throw e;
        }
        try (stream) {
            InputStream in = stream.body();
            byte[] line;
            while ((line = jsonLine(in)) != null) {
                if (line.length == 0) continue;
                JsonNode event = Json.read(line);
                String type = event.path("type").asText("");
                JsonNode pod = event.path("object");
                if (!pod.isObject() || "ERROR".equals(type) || "BOOKMARK".equals(type)) continue;
                String name = pod.path("metadata").path("name").asText("");
                if (!names.isEmpty() && !names.contains(name)) continue;
                // the stream starts with an ADDED per existing pod: those already printed are not repeated
                String rv = listed.remove(name);
                if ("ADDED".equals(type) && rv != null
                        && (!rv.isEmpty() ? rv.equals(pod.path("metadata").path("resourceVersion").asText("")) : table.unchanged(pod, Instant.now()))) {
                    continue;
                }
                emit(table, List.of(pod));
            }
        }
        return 0;
    }

    /** The daemon cannot stream: list every second and print the pods whose row changed. Ends when interrupted. */
    private int poll(ApiClient api, String ns, PodWatchTable table) throws IOException {
        while (true) {
            try {
                root.clock.sleep(WATCH_POLL_MILLIS);
            } catch (InterruptedException e) {
                return 0;
            }
            List<JsonNode> pods = new ArrayList<>();
            if (names.isEmpty()) {
                for (JsonNode item : api.get(ApiClient.podsPath(ns)).path("items")) pods.add(item);
                pods.sort(BY_NAME);
            } else {
                for (String name : names) {
                    try {
                        pods.add(api.get(ApiClient.podPath(ns, name)));
                    } catch (ApiException e) {
                        if (e.code() != 404) throw e;
                    }
                }
            }
            for (JsonNode pod : table.changed(pods, Instant.now())) emit(table, List.of(pod));
        }
    }

    private boolean emitted;

    /** Prints pods in the watch output: table rows (one flush each, as kubectl), names, or whole objects. */
    private void emit(PodWatchTable table, List<JsonNode> pods) throws IOException {
        Instant now = Instant.now();
        switch (output) {
            case "json":
            case "yaml":
                for (JsonNode p : pods) {
                    table.seen(p, now);
                    if (output.equals("yaml") && emitted) root.out.print("---\n");
                    root.out.print(output.equals("json") ? Json.pretty(withKind(p)) : Yaml.pretty(withKind(p)));
                    emitted = true;
                }
                break;
            case "name":
                for (JsonNode p : pods) {
                    table.seen(p, now);
                    root.out.println("pod/" + p.path("metadata").path("name").asText());
                }
                break;
            default:
                if (pods.size() > 1) {
                    root.out.print(table.rows(pods, now));
                } else {
                    for (JsonNode p : pods) root.out.print(table.row(p, now));
                }
        }
        root.out.flush();
    }

    /** One line of the watch stream without its newline; null at the end of the stream. */
    static byte[] jsonLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') return buf.toByteArray();
            buf.write(c);
        }
        return buf.size() == 0 ? null : buf.toByteArray();
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
