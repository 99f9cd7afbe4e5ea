package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Picks the container for logs and exec when -c is absent, the way kubectl does. */
public final class ContainerChooser {
    static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

    private ContainerChooser() {}

    /**
     * The annotated default container if it exists, else the first container; prints
     * {@code Defaulted container "a" out of: a, b, i (init)} to {@code warn} when there was a choice.
     */
    /** The container the user named, or (with kubectl's notice on warn) the pod's default one. */
    static String orDefault(ApiClient api, String namespace, String pod, String container, PrintStream warn)
            throws java.io.IOException {
        if (container != null && !container.isEmpty()) {
            return container;
        }
        return choose(api.get(ApiClient.podPath(namespace, pod)), warn);
    }

    public static String choose(JsonNode pod, PrintStream warn) {
        JsonNode spec = pod.path("spec");
        String annotated = pod.path("metadata").path("annotations").path(DEFAULT_CONTAINER_ANNOTATION).asText("");
        if (!annotated.isEmpty()) {
            if (names(spec).contains(annotated)) return annotated;
            warn.println("Default container name \"" + annotated + "\" not found in pod "
                    + pod.path("metadata").path("name").asText());
        }
        JsonNode containers = spec.path("containers");
        if (containers.size() == 0) {
            throw CliException.failure("pod " + pod.path("metadata").path("name").asText() + " has no containers");
        }
        String first = containers.get(0).path("name").asText();
        if (containers.size() > 1 || spec.path("initContainers").size() > 0
                || spec.path("ephemeralContainers").size() > 0) {
            warn.println("Defaulted container \"" + first + "\" out of: " + allNames(spec));
        }
        return first;
    }

    private static List<String> names(JsonNode spec) {
        List<String> names = new ArrayList<>();
        for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
            for (JsonNode c : spec.path(kind)) names.add(c.path("name").asText());
        }
        return names;
    }

    static String allNames(JsonNode spec) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : spec.path("containers")) names.add(c.path("name").asText());
        for (JsonNode c : spec.path("initContainers")) names.add(c.path("name").asText() + " (init)");
        for (JsonNode c : spec.path("ephemeralContainers")) names.add(c.path("name").asText() + " (ephem)");
        return String.join(", ", names);
    }
}
