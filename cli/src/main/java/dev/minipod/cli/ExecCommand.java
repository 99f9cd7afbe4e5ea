package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code minipod exec NAME [-c C] -- CMD ARGS...}: runs a command in a container; exits with its code. */
@Command(name = "exec", description = "Execute a command in a container.")
final class ExecCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "NAME -- COMMAND [ARG...]", description = "The pod, then the command after --.")
    List<String> args = new ArrayList<>();

    @Option(names = {"-c", "--container"}, paramLabel = "C", description = "The container (default: the first).")
    String container;

    @Option(names = {"-i", "--stdin"}, description = "Not supported yet.")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "Not supported yet.")
    boolean tty;

    @Override
    public Integer call() throws IOException {
        if (stdin || tty) throw CliException.usage("-i/--stdin and -t/--tty are not supported yet");
        if (args.isEmpty()) throw CliException.usage("pod name and command are required: minipod exec NAME -- COMMAND [ARG...]");
        List<String> command = args.subList(1, args.size());
        if (command.isEmpty()) throw CliException.usage("you must specify at least one command for the container");
        if (!dashDashGiven()) {
            throw CliException.usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
        }
        String pod = LogsCommand.podName(args.get(0));
        ApiClient api = root.api();
        String ns = root.namespace();
        String c = container;
        if (c == null || c.isEmpty()) {
            JsonNode obj = api.get(ApiClient.podPath(ns, pod));
            c = ContainerChooser.choose(obj, root.err);
        }
        int code;
        try (HttpResponse resp = api.open("POST", execPath(ns, pod, c, command), null, null)) {
            code = ExecFrames.pump(resp.body(), root.out, root.err);
        }
        root.out.flush();
        if (code != 0) root.err.println("command terminated with exit code " + code);
        return code;
    }

    private boolean dashDashGiven() {
        if (spec == null || spec.commandLine() == null || spec.commandLine().getParseResult() == null) return true;
        return spec.commandLine().getParseResult().originalArgs().contains("--");
    }

    static String execPath(String ns, String pod, String container, List<String> command) {
        StringBuilder sb = new StringBuilder(ApiClient.podPath(ns, pod)).append("/exec?container=")
                .append(ApiClient.enc(container));
        for (String part : command) sb.append("&command=").append(ApiClient.enc(part));
        return sb.toString();
    }
}
