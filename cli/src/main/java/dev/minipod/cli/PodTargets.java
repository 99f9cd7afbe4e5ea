package dev.minipod.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The pods a verb acts on, kubectl's way: from `-f` manifests, or from `pod NAME` / `pod/NAME` arguments. */
final class PodTargets {
    private PodTargets() {}

    /** One pod by namespace and name. */
    static final class Target {
        final String namespace;
        final String name;

        Target(String namespace, String name) {
            this.namespace = namespace;
            this.name = name;
        }

        String namespace() { return namespace; }

        String name() { return name; }
    }

    /** One object of another kind than Pod. */
    static final class ObjectTarget {
        final ObjectTypes.Type type;
        final String namespace;
        final String name;

        ObjectTarget(ObjectTypes.Type type, String namespace, String name) {
            this.type = type;
            this.namespace = namespace;
            this.name = name;
        }
    }

    static List<Target> resolve(Main root, List<String> files, List<String> args, String verb) throws IOException {
        return resolve(root, files, args, verb, null);
    }

    /** Like {@link #resolve(Main, List, List, String)}; objects of other known kinds in the files go to {@code others}. */
    static List<Target> resolve(Main root, List<String> files, List<String> args, String verb, List<ObjectTarget> others) throws IOException {
        if (!files.isEmpty() && !args.isEmpty()) {
            throw CliException.usage("when paths, URLs, or stdin is provided as input, you may not specify"
                    + " resource arguments as well");
        }
        List<Target> out = new ArrayList<>();
        if (!files.isEmpty()) {
            for (String f : files) {
                for (Manifests.Doc doc : Manifests.read(f, root.in)) {
                    JsonNode obj = doc.object();
                    String kind = obj.path("kind").asText("");
                    ObjectTypes.Type type = ObjectTypes.byKind(kind, obj.path("apiVersion").asText(""));
                    if (others != null && type != null && !type.isPods()) {
                        String ns = obj.path("metadata").path("namespace").asText("");
                        others.add(new ObjectTarget(type, ns.isEmpty() ? root.namespace() : ns, obj.path("metadata").path("name").asText()));
                        continue;
                    }
                    if (!"Pod".equals(kind)) {
                        throw CliException.failure("resource mapping not found for name: \""
                                + obj.path("metadata").path("name").asText("") + "\" from \"" + doc.source()
                                + "\": no matches for kind \"" + kind + "\" in version \""
                                + obj.path("apiVersion").asText("") + "\"");
                    }
                    String ns = obj.path("metadata").path("namespace").asText("");
                    out.add(new Target(ns.isEmpty() ? root.namespace() : ns, obj.path("metadata").path("name").asText()));
                }
            }
            return out;
        }
        if (args.isEmpty()) {
            throw CliException.usage("You must provide one or more resources by argument or filename.");
        }
        List<String> names = ResourceArgs.podNames(args, verb);
        if (names.isEmpty()) {
            throw CliException.usage("resource(s) were provided, but no name was specified");
        }
        for (String n : names) {
            out.add(new Target(root.namespace(), n));
        }
        return out;
    }
}
