package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code minipod apply -f FILE}: creates each object of the file (Pods, ConfigMaps, Secrets, PVs, PVCs, StorageClasses,
 * PodPresets); an identical existing one is left unchanged, another kind of object than a Pod is replaced, and a
 * Pod's labels and annotations are updated (its spec cannot change).
 */
final class ApplyCommand implements Verb {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final String IMMUTABLE = "spec: Forbidden: pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    private final Main root;
    List<String> files;

    ApplyCommand(Main root) { this.root = root; }

    @Override public String name() { return "apply"; }
    @Override public String summary() { return "Create or update the objects described in a YAML or JSON file."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod apply -f FILE|-");
        spec.addOption(Options.value("filename", 'f', "FILE", "The manifest to apply (- for stdin); repeatable"));
        spec.addPositional(Options.positionals("ARG"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        files = Options.values(args, "filename");
        if (files.isEmpty()) throw CliException.usage("must specify one of -f and -k");
        List<String> positionals = Options.positionals(args);
        if (!positionals.isEmpty()) {
            throw new UsageException("minipod apply", "unexpected arguments " + positionals + ": use -f FILE");
        }
    }

    @Override
    public int run() throws IOException {
        ApiClient api = root.api();
        boolean started = false;
        int exit = 0;
        for (String file : files) {
            for (Manifests.Doc doc : Manifests.read(file, root.in)) {
                if (!started) {
                    DaemonStarter.ensureRunning(root, api.http(), root.err);
                    started = true;
                }
                try {
                    root.out.println(applyOne(api, doc));
                } catch (ApiException | CliException e) {
                    int code = ErrorHandler.report(e, root.err);
                    if (exit == 0) exit = code;
                }
            }
        }
        return exit;
    }

    private String applyOne(ApiClient api, Manifests.Doc doc) throws IOException {
        JsonNode obj = doc.object();
        String kind = obj.path("kind").asText("");
        String apiVersion = obj.path("apiVersion").asText("");
        String name = obj.path("metadata").path("name").asText("");
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            throw CliException.usage("error validating \"" + doc.source() + "\": error validating data: "
                    + (apiVersion.isEmpty() ? "apiVersion not set" : "kind not set"));
        }
        ObjectTypes.Type type = ObjectTypes.byKind(kind, apiVersion);
        if (type == null) {
            throw CliException.failure("resource mapping not found for name: \"" + name + "\" namespace: \""
                    + obj.path("metadata").path("namespace").asText("") + "\" from \"" + doc.source()
                    + "\": no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"");
        }
        String ns = type.namespaced ? namespaceOf(obj) : "";
        ObjectNode body = withLastApplied(obj);
        try {
            api.post(type.collection(ns), body);
            return type.qualified() + "/" + name + " created";
        } catch (ApiException e) {
            if (e.code() == 409 && "AlreadyExists".equals(e.reason()) && !name.isEmpty()) {
                JsonNode live = api.get(type.path(ns, name));
                if (type.isPods()) {
                    if (!sameSpec(obj.path("spec"), live)) {
                        throw new CliException(1, "The Pod \"" + name + "\" is invalid: " + IMMUTABLE);
                    }
                    ObjectNode updated = withAppliedMetadata(live, body);
                    if (updated.equals(live)) return "pod/" + name + " unchanged";
                    api.json("PUT", type.path(ns, name), updated);
                    return "pod/" + name + " configured";
                }
                if (lastApplied(live).equals(lastApplied(body))) return type.qualified() + "/" + name + " unchanged";
                api.json("PUT", type.path(ns, name), body);
                return type.qualified() + "/" + name + " configured";
            }
            if ("Invalid".equals(e.reason())) throw e;
            throw e.withContext("error when creating \"" + doc.source() + "\": ");
        }
    }

    /**
     * The live pod with the labels and annotations kubectl apply's three-way merge gives: those of
     * the file set, those of the last applied file that the file dropped removed, others kept.
     */
    static ObjectNode withAppliedMetadata(JsonNode live, ObjectNode applied) {
        JsonNode previous = Json.object();
        String recorded = lastApplied(live);
        if (!recorded.isEmpty()) {
            try {
                previous = Json.read(recorded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // unreadable record: nothing is removed
            }
        }
        ObjectNode updated = live.deepCopy();
        ObjectNode meta = child(updated, "metadata");
        for (String field : List.of("labels", "annotations")) {
            ObjectNode merged = child(meta, field);
            previous.path("metadata").path(field).fieldNames().forEachRemaining(merged::remove);
            applied.path("metadata").path(field).fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
            if (merged.isEmpty() && !live.path("metadata").has(field)) meta.remove(field);
        }
        return updated;
    }

    private static String lastApplied(JsonNode obj) {
        return obj.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
    }

    private String namespaceOf(JsonNode obj) {
        String docNs = obj.path("metadata").path("namespace").asText("");
        if (docNs.isEmpty()) return root.namespace();
        if (root.namespaceGiven() && !docNs.equals(root.namespace())) {
            throw CliException.usage("the namespace from the provided object \"" + docNs
                    + "\" does not match the namespace \"" + root.namespace()
                    + "\". You must pass '--namespace=" + docNs + "' to perform this operation.");
        }
        return docNs;
    }

    /** The object as sent: kubectl records what the user applied in an annotation. */
    static ObjectNode withLastApplied(JsonNode obj) {
        ObjectNode copy = obj.deepCopy();
        ObjectNode meta = child(copy, "metadata");
        ObjectNode annotations = child(meta, "annotations");
        annotations.remove(LAST_APPLIED);
        ObjectNode recorded = copy.deepCopy();
        ObjectNode recordedMeta = (ObjectNode) recorded.get("metadata");
        if (recordedMeta.path("annotations").size() == 0) recordedMeta.remove("annotations");
        annotations.put(LAST_APPLIED, new String(Json.bytes(Json.sorted(recorded)), java.nio.charset.StandardCharsets.UTF_8) + "\n");
        return copy;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode c = parent.get(name);
        if (c instanceof ObjectNode) return (ObjectNode) c;
        ObjectNode created = Json.object();
        parent.set(name, created);
        return created;
    }

    /**
     * Whether applying {@code spec} again would change nothing: equal to the spec last applied, or, when the
     * live object has no record, every field given is equal in the live spec (the server fills in defaults).
     */
    static boolean sameSpec(JsonNode spec, JsonNode live) {
        String recorded = live.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
        if (!recorded.isEmpty()) {
            try {
                return numericEquals(spec, Json.read(recorded.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("spec"));
            } catch (IOException ignored) {
                // unreadable record: fall back to the live spec
            }
        }
        return subset(spec, live.path("spec"));
    }

    static boolean subset(JsonNode want, JsonNode have) {
        if (want.isObject()) {
            if (!have.isObject()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode h = have.get(e.getKey());
                if (h == null) {
                    if (!e.getValue().isNull() && !isEmpty(e.getValue())) return false;
                } else if (!subset(e.getValue(), h)) {
                    return false;
                }
            }
            return true;
        }
        if (want.isArray()) {
            if (!have.isArray() || have.size() != want.size()) return false;
            for (int i = 0; i < want.size(); i++) if (!subset(want.get(i), have.get(i))) return false;
            return true;
        }
        return numericEquals(want, have);
    }

    private static boolean isEmpty(JsonNode n) { return (n.isContainerNode() && n.size() == 0); }

    private static boolean numericEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isContainerNode() && b.isContainerNode()) {
            if (a.isObject() != b.isObject() || a.size() != b.size()) return false;
            if (a.isArray()) {
                for (int i = 0; i < a.size(); i++) if (!numericEquals(a.get(i), b.get(i))) return false;
                return true;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode other = b.get(e.getKey());
                if (other == null || !numericEquals(e.getValue(), other)) return false;
            }
            return true;
        }
        return a.equals(b);
    }
}
