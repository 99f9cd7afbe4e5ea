package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/** {@code minipod logs NAME [-c C] [-p]}: streams a container's log. */
@Command(name = "logs", description = "Print the logs of a container in a pod.")
final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Parameters(index = "0", paramLabel = "NAME", description = "The pod (also pod/NAME).")
    String name;

    @Option(names = {"-c", "--container"}, paramLabel = "C", description = "The container (default: the first).")
    String container;

    @Option(names = {"-p", "--previous"}, description = "The log of the previous, terminated instance.")
    boolean previous;

    @Option(names = {"-f", "--follow"}, description = "Not supported yet.")
    boolean follow;

    @Override
    public Integer call() throws IOException {
        if (follow) throw CliException.usage("--follow is not supported yet");
        String pod = podName(name);
        ApiClient api = root.api();
        String ns = root.namespace();
        String c = container;
        if (c == null || c.isEmpty()) {
            JsonNode obj = api.get(ApiClient.podPath(ns, pod));
            c = ContainerChooser.choose(obj, root.err);
        }
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

    /** Accepts {@code NAME}, {@code pod/NAME} and {@code pods/NAME}. */
    static String podName(String arg) {
        int slash = arg.indexOf('/');
        if (slash < 0) return arg;
        String type = arg.substring(0, slash);
        if (!GetCommand.POD_TYPES.contains(type)) {
            throw CliException.failure("the server doesn't have a resource type \"" + type + "\"");
        }
        return arg.substring(slash + 1);
    }
}
