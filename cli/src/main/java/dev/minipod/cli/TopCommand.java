package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code minipod top pod [NAME] [--containers]}: CPU and memory of running pods from the daemon's
 * metrics.k8s.io path, printed like {@code kubectl top pod}.
 */
final class TopCommand implements Verb {
    private final Main root;
    String name;
    boolean containers;

    TopCommand(Main root) { this.root = root; }

    @Override public String name() { return "top"; }
    @Override public String summary() { return "Display CPU and memory usage of pods."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod top pod|pods|po [NAME] [--containers]");
        spec.addOption(Options.bool("containers", Options.NONE, "If present, print usage of containers within a pod."));
        spec.addPositional(Options.positionals("pod [NAME]"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        if (p.isEmpty() || !GetCommand.POD_TYPES.contains(p.get(0))) {
            throw CliException.usage("minipod top supports only pods: minipod top pod [NAME] [--containers]");
        }
        if (p.size() > 2) {
            throw new UsageException("minipod top pod", "unexpected arguments " + p.subList(2, p.size()));
        }
        name = p.size() == 2 ? p.get(1) : null;
        containers = Options.bool(args, "containers", false);
    }

    static String metricsPath(String ns, String name) {
        String base = "/apis/metrics.k8s.io/v1beta1/namespaces/" + ApiClient.enc(ns) + "/pods";
        return name == null ? base : base + "/" + ApiClient.enc(name);
    }

    @Override
    public int run() throws IOException {
        ApiClient api = root.api();
        String ns = root.namespace();
        List<JsonNode> metrics = new ArrayList<>();
        if (name == null) {
            api.get(metricsPath(ns, null)).path("items").forEach(metrics::add);
            if (metrics.isEmpty()) {
                root.err.println("No resources found in " + ns + " namespace.");
                return 0;
            }
        } else {
            try {
                metrics.add(api.get(metricsPath(ns, name)));
            } catch (ApiException e) {
                if (!"NotFound".equals(e.reason())) throw e;
                JsonNode pod = api.get(ApiClient.podPath(ns, name)); // a missing pod reports itself
                Instant created = Rfc3339.parse(pod.path("metadata").path("creationTimestamp").asText());
                throw CliException.failure("Metrics not available for pod " + ns + "/" + name + ", age: "
                        + HumanDuration.format(Duration.between(created, Instant.now())));
            }
        }
        root.out.print(MetricsPrinter.table(metrics, containers));
        return 0;
    }
}
