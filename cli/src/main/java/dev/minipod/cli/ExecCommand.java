package dev.minipod.cli;


import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code minipod exec NAME [-c C] -- CMD ARGS...}: runs a command in a container; exits with its code. */
final class ExecCommand implements Verb {
    private final Main root;
    String pod;
    List<String> command = new ArrayList<>();
    String container;
    boolean stdin;
    boolean tty;

    ExecCommand(Main root) { this.root = root; }

    @Override public String name() { return "exec"; }
    @Override public String summary() { return "Execute a command in a container."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod exec POD [-c CONTAINER] -- COMMAND [ARG...]");
        spec.addOption(Options.value("container", 'c', "C", "The container (default: the first)"));
        spec.addOption(Options.bool("stdin", 'i', "Pass stdin to the container (not supported yet)"));
        spec.addOption(Options.bool("tty", 't', "Allocate a TTY (not supported yet)"));
        spec.addPositional(Options.positionals("POD -- COMMAND [ARG...]"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        int dashDashAt = Options.positionalsBeforeDashDash(args);
        container = Options.value(args, "container", null);
        stdin = Options.bool(args, "stdin", false);
        tty = Options.bool(args, "tty", false);
        if (p.isEmpty() || dashDashAt == 0) {
            throw new UsageException("minipod exec", "pod name is required: minipod exec POD -- COMMAND [ARG...]");
        }
        if (dashDashAt < 0 && p.size() > 1) {
            throw CliException.usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
        }
        if (dashDashAt > 1) throw new UsageException("minipod exec", "expected one POD before --, got " + p.subList(0, dashDashAt));
        pod = ResourceArgs.podName(p.get(0));
        command = new ArrayList<>(p.subList(1, p.size()));
    }

    @Override
    public int run() throws IOException {
        if (stdin || tty) throw CliException.usage("-i/--stdin and -t/--tty are not supported yet");
        if (command.isEmpty()) throw CliException.usage("you must specify at least one command for the container");
        ApiClient api = root.api();
        String ns = root.namespace();
        String c = ContainerChooser.orDefault(api, ns, pod, container, root.err);
        int code;
        try (HttpResponse resp = api.open("POST", execPath(ns, pod, c, command), null, null)) {
            code = ExecFrames.pump(resp.body(), root.out, root.err);
        }
        root.out.flush();
        if (code != 0) root.err.println("command terminated with exit code " + code);
        return code;
    }

    static String execPath(String ns, String pod, String container, List<String> command) {
        StringBuilder sb = new StringBuilder(ApiClient.podPath(ns, pod)).append("/exec?container=")
                .append(ApiClient.enc(container));
        for (String part : command) sb.append("&command=").append(ApiClient.enc(part));
        return sb.toString();
    }
}
