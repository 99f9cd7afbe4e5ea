package dev.minipod.cli;


import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** {@code minipod logs NAME [-c C] [-p]}: streams a container's log. */
final class LogsCommand implements Verb {
    private final Main root;
    String name;
    String container;
    boolean previous;
    boolean follow;

    LogsCommand(Main root) { this.root = root; }

    @Override public String name() { return "logs"; }
    @Override public String summary() { return "Print the logs of a container in a pod."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod logs NAME [-c CONTAINER] [-p]");
        spec.addOption(Options.value("container", 'c', "C", "The container (default: the first)"));
        spec.addOption(Options.bool("previous", 'p', "The log of the previous, terminated instance"));
        spec.addOption(Options.bool("follow", 'f', "Stream new lines (not supported yet)"));
        spec.addPositional(Options.positionals("NAME [CONTAINER]"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        if (p.isEmpty()) throw new UsageException("minipod logs", "expected POD");
        if (p.size() > 2 || (p.size() == 2 && args.hasMatchedOption("--container"))) {
            throw new UsageException("minipod logs", "expected POD [CONTAINER], got " + p);
        }
        name = p.get(0);
        container = p.size() == 2 ? p.get(1) : Options.value(args, "container", null);
        previous = Options.bool(args, "previous", false);
        follow = Options.bool(args, "follow", false);
    }

    @Override
    public int run() throws IOException {
        if (follow) throw CliException.usage("--follow is not supported yet");
        String pod = ResourceArgs.podName(name);
        ApiClient api = root.api();
        String ns = root.namespace();
        String c = ContainerChooser.orDefault(api, ns, pod, container, root.err);
        try (HttpResponse resp = api.open("GET", logPath(ns, pod, c, previous), null, null)) {
            InputStream body = resp.body();
            byte[] buf = new byte[8192];
            int n;
            while ((n = body.read(buf)) > 0) {
                root.out.write(buf, 0, n);
                root.out.flush();
            }
        }
        return 0;
    }

    static String logPath(String ns, String pod, String container, boolean previous) {
        return ApiClient.podPath(ns, pod) + "/log?container=" + ApiClient.enc(container)
                + (previous ? "&previous=true" : "");
    }
}
