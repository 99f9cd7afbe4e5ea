package dev.minipod.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/** {@code minipod}: the kubectl-like client of the minipod daemon. The only place that exits the JVM. */
@Command(name = "minipod",
        description = "Run Kubernetes v1 Pods on this host.",
        subcommands = {ApplyCommand.class, GetCommand.class, LogsCommand.class, ExecCommand.class,
                DeleteCommand.class, ImportCommand.class, DaemonCommand.class, VersionCommand.class})
public final class Main implements Runnable {
    static final String DEFAULT_NAMESPACE = "default";

    @Option(names = "--run-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:MINIPOD_RUN_ROOT:-/run/minipod}",
            description = "Runtime state and the daemon socket (default: ${DEFAULT-VALUE}; env MINIPOD_RUN_ROOT).")
    String runRoot;

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:MINIPOD_ROOT:-/var/lib/minipod}",
            description = "Persistent state: images, pods (default: ${DEFAULT-VALUE}; env MINIPOD_ROOT).")
    String root;

    @Option(names = "--log-root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:MINIPOD_LOG_ROOT:-/var/log/minipod}",
            description = "Container and daemon logs (default: ${DEFAULT-VALUE}; env MINIPOD_LOG_ROOT).")
    String logRoot;

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT, paramLabel = "NS",
            description = "The namespace (default: default).")
    String namespace;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.in));
    }

    /** Parses and runs one invocation; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        main.in = in;
        CommandLine cl = commandLine(main);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> ErrorHandler.report(ex, err));
        cl.setParameterExceptionHandler((ex, a) -> ErrorHandler.report(ex, err));
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(Main main) {
        return new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        CommandLine.usage(this, out);
    }

    public String namespace() { return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace; }

    public boolean namespaceGiven() { return namespace != null && !namespace.isEmpty(); }

    public Path socket() { return Path.of(runRoot, "minipod.sock"); }

    public ApiClient api() { return new ApiClient(socket()); }
}
