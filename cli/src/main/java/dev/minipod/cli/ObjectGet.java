package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code get TYPE[,TYPE...] [NAME...]} for ConfigMaps, Secrets, claims, volumes, classes and presets (pods may be
 * part of a comma list): kubectl's tables, one per type, names prefixed {@code type/} when several types print.
 */
final class ObjectGet {
    private ObjectGet() {}

    static int run(Main root, List<ObjectArgs.Request> requests, String output) throws IOException {
        ApiClient api = root.api();
        String ns = root.namespace();
        List<ApiException> errors = new ArrayList<>();
        List<List<JsonNode>> found = new ArrayList<>();
        boolean listing = false;
        for (ObjectArgs.Request r : requests) {
            List<JsonNode> items = new ArrayList<>();
            if (r.names.isEmpty()) {
                listing = true;
                for (JsonNode item : api.get(r.type.collection(ns)).path("items")) items.add(withKind(r.type, item));
                items.sort(GetCommand.BY_NAME);
            } else {
                for (String name : r.names) {
                    try {
                        items.add(withKind(r.type, api.get(r.type.path(ns, name))));
                    } catch (ApiException e) {
                        errors.add(e);
                    }
                }
            }
            found.add(items);
        }
        print(root, requests, found, output, listing, errors.isEmpty());
        int exit = 0;
        for (ApiException e : errors) {
            int code = ErrorHandler.report(e, root.err);
            if (exit == 0) exit = code;
        }
        return exit;
    }

    private static void print(Main root, List<ObjectArgs.Request> requests, List<List<JsonNode>> found, String output,
                              boolean listing, boolean noErrors) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        found.forEach(all::addAll);
        boolean several = requests.size() > 1;
        if (all.isEmpty()) {
            if (listing && (output.isEmpty() || output.equals("wide") || output.equals("name"))) {
                boolean namespaced = false;
                for (ObjectArgs.Request r : requests) namespaced |= r.type.namespaced;
                root.err.println(namespaced ? "No resources found in " + root.namespace() + " namespace." : "No resources found");
                return;
            }
            if (!listing) return;
        }
        switch (output) {
            case "json":
            case "yaml":
                boolean single = !several && requests.get(0).names.size() == 1 && all.size() == 1 && noErrors;
                JsonNode obj = single ? all.get(0) : GetCommand.asList(all);
                root.out.print(output.equals("json") ? Json.pretty(obj) : Yaml.pretty(obj));
                return;
            case "name":
                for (int i = 0; i < requests.size(); i++) {
                    for (JsonNode o : found.get(i)) root.out.println(requests.get(i).type.qualified() + "/" + ObjectPrinter.text(o.path("metadata"), "name"));
                }
                return;
            default:
                Instant now = Instant.now();
                boolean first = true;
                for (int i = 0; i < requests.size(); i++) {
                    ObjectTypes.Type t = requests.get(i).type;
                    List<JsonNode> items = found.get(i);
                    if (items.isEmpty()) continue;
                    if (!first) root.out.println();
                    first = false;
                    String prefix = several ? t.qualified() + "/" : "";
                    root.out.print(t.isPods() ? PodPrinter.table(prefixed(items, prefix), now, output.equals("wide"))
                            : ObjectPrinter.table(t, items, now, output.equals("wide"), prefix));
                }
        }
    }

    private static List<JsonNode> prefixed(List<JsonNode> pods, String prefix) {
        if (prefix.isEmpty()) return pods;
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : pods) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = p.deepCopy();
            copy.withObjectProperty("metadata").put("name", prefix + ObjectPrinter.text(p.path("metadata"), "name"));
            out.add(copy);
        }
        return out;
    }

    /** Items of a list carry no kind; -o json/yaml shows them with it, as kubectl does. */
    static JsonNode withKind(ObjectTypes.Type t, JsonNode o) {
        if (o.has("kind") && o.has("apiVersion") || !o.isObject()) return o;
        com.fasterxml.jackson.databind.node.ObjectNode copy = Json.object();
        copy.put("apiVersion", t.apiVersion);
        copy.put("kind", t.kind);
        copy.setAll((com.fasterxml.jackson.databind.node.ObjectNode) o);
        return copy;
    }
}
