package dev.minipod.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code minipod}: the kubectl-like client of the minipod daemon. The only place that exits the JVM. */
public final class Main {
    static final String DEFAULT_NAMESPACE = "default";
    static final String[] VERBS = {"apply", "get", "logs", "exec", "delete", "import", "daemon", "version"};

    static final List<Flag> GLOBAL_FLAGS = List.of(
            Flag.value("run-root", Flag.NO_SHORTHAND, "DIR",
                    "Runtime state and the daemon socket (default /run/minipod; env MINIPOD_RUN_ROOT)"),
            Flag.value("root", Flag.NO_SHORTHAND, "DIR", "Persistent state (default /var/lib/minipod; env MINIPOD_ROOT)"),
            Flag.value("log-root", Flag.NO_SHORTHAND, "DIR", "Logs (default /var/log/minipod; env MINIPOD_LOG_ROOT)"),
            Flag.value("namespace", 'n', "NS", "The namespace (default default)"),
            Flag.bool("help", 'h', "Show help"));

    String runRoot;
    String root;
    String logRoot;
    String namespace;
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;

    Main() { this(System.getenv()); }

    Main(Map<String, String> env) {
        runRoot = env.getOrDefault("MINIPOD_RUN_ROOT", "/run/minipod");
        root = env.getOrDefault("MINIPOD_ROOT", "/var/lib/minipod");
        logRoot = env.getOrDefault("MINIPOD_LOG_ROOT", "/var/log/minipod");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.in));
    }

    /** Parses and runs one invocation; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        main.in = in;
        int code;
        try {
            code = main.execute(args);
        } catch (Throwable t) {
            code = ErrorHandler.report(t, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    private int execute(String[] argv) throws Exception {
        Invocation inv = parse(argv);
        if (inv.verb == null) {
            if (inv.unknown != null) {
                throw new CliException(2, "error: unknown command \"" + inv.unknown + "\" for \"minipod\"\n"
                        + "Run 'minipod --help' for usage.");
            }
            out.print(rootHelp());
            return 0;
        }
        if (inv.args.bool("help", false)) {
            out.print(verbHelp(inv.verb));
            return 0;
        }
        inv.verb.configure(inv.args);
        return inv.verb.run();
    }

    /** A parsed command line: the verb (null for none or unknown) with its arguments, verb name removed. */
    static final class Invocation {
        final Verb verb;
        final Args args;
        final String unknown;

        Invocation(Verb verb, Args args, String unknown) {
            this.verb = verb;
            this.args = args;
            this.unknown = unknown;
        }
    }

    /** Finds the verb, parses global and verb flags anywhere on the line, applies the global ones. */
    Invocation parse(String[] argv) {
        int at = verbIndex(argv);
        if (at < 0 || newVerb(argv[at]) == null) {
            Args rootArgs = Args.parse(at < 0 ? argv : java.util.Arrays.copyOf(argv, at), GLOBAL_FLAGS, "minipod");
            applyGlobals(rootArgs);
            return new Invocation(null, rootArgs, at < 0 ? null : argv[at]);
        }
        Verb verb = newVerb(argv[at]);
        List<Flag> flags = new ArrayList<>(GLOBAL_FLAGS);
        flags.addAll(verb.flags());
        String[] rest = new String[argv.length - 1];
        System.arraycopy(argv, 0, rest, 0, at);
        System.arraycopy(argv, at + 1, rest, at, argv.length - at - 1);
        Args args = Args.parse(rest, flags, "minipod " + argv[at]);
        applyGlobals(args);
        return new Invocation(verb, args, null);
    }

    /** The index of the verb: the first argument that is not a global flag or its value; -1 if none. */
    static int verbIndex(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("--")) return -1;
            if (!a.startsWith("-") || a.equals("-")) return i;
            if (a.indexOf('=') >= 0) continue;
            for (Flag f : GLOBAL_FLAGS) {
                if (f.takesValue && (a.equals("--" + f.name) || a.equals("-" + f.shorthand))) {
                    i++;
                    break;
                }
            }
        }
        return -1;
    }

    private void applyGlobals(Args a) {
        runRoot = a.value("run-root", runRoot);
        root = a.value("root", root);
        logRoot = a.value("log-root", logRoot);
        namespace = a.value("namespace", namespace);
    }

    Verb newVerb(String name) {
        switch (name) {
            case "apply": return new ApplyCommand(this);
            case "get": return new GetCommand(this);
            case "logs": return new LogsCommand(this);
            case "exec": return new ExecCommand(this);
            case "delete": return new DeleteCommand(this);
            case "import": return new ImportCommand(this);
            case "daemon": return new DaemonCommand(this);
            case "version": return new VersionCommand(this);
            default: return null;
        }
    }

    String rootHelp() {
        StringBuilder sb = new StringBuilder("minipod runs Kubernetes v1 Pods on this host.\n\nCommands:\n");
        for (String v : VERBS) {
            Verb verb = newVerb(v);
            sb.append("  ").append(v).append(" ".repeat(10 - v.length())).append(verb.summary()).append('\n');
        }
        sb.append("\nGlobal options:\n");
        for (Flag f : GLOBAL_FLAGS) sb.append(f.helpLine());
        return sb.append("\nUsage:\n  minipod [options] COMMAND [args]\n\nUse \"minipod COMMAND --help\" for more"
                + " information about a command.\n").toString();
    }

    static String verbHelp(Verb verb) {
        StringBuilder sb = new StringBuilder(verb.summary()).append("\n\nUsage:\n  ").append(verb.usage()).append('\n');
        if (!verb.flags().isEmpty()) {
            sb.append("\nOptions:\n");
            for (Flag f : verb.flags()) sb.append(f.helpLine());
        }
        sb.append("\nGlobal options:\n");
        for (Flag f : GLOBAL_FLAGS) sb.append(f.helpLine());
        return sb.toString();
    }

    public String namespace() { return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace; }

    public boolean namespaceGiven() { return namespace != null && !namespace.isEmpty(); }

    public Path socket() { return Path.of(runRoot, "minipod.sock"); }

    public ApiClient api() { return new ApiClient(socket()); }
}
