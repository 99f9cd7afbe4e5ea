package dev.minipod.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code minipod}: the kubectl-like client of the minipod daemon. The only place that exits the JVM. */
public final class Main {
    static final String DEFAULT_NAMESPACE = "default";
    static final String[] VERBS = {"apply", "create", "get", "describe", "wait", "logs", "exec", "port-forward", "top", "delete", "import", "daemon", "version"};

    static {
        // picocli's documented switches, set before picocli is first used (a -D on the command line wins):
        // no probe for groovy.lang.Closure, a class lookup that misses and so opens every jar of the class path
        // (~20 ms), and no built-in converters for java.sql/java.time/Path types, which no option uses and
        // whose registration loads the java.sql module by reflection.
        if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*,java\\.nio\\.file\\.Path");
        }
        // The JDK's own selector provider on Linux, named instead of looked up: without the property, the first
        // socket (the daemon's unix socket) makes SelectorProvider search META-INF/services of every jar on the
        // class path, ~12 ms with the launcher's 34 jars. Documented in SelectorProvider.provider().
        if (System.getProperty("java.nio.channels.spi.SelectorProvider") == null && "Linux".equals(System.getProperty("os.name"))) {
            System.setProperty("java.nio.channels.spi.SelectorProvider", "sun.nio.ch.EPollSelectorProvider");
        }
    }

    String runRoot;
    String root;
    String logRoot;
    String namespace;
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    /** The clock of the verbs that poll (wait, get -w); tests put a fake one here. */
    PollClock clock = PollClock.SYSTEM;
    /** Whether a verb that runs until interrupted may install a SIGINT handler (only in a real process). */
    boolean handleInterrupts;

    Main() { this(System.getenv()); }

    Main(Map<String, String> env) {
        runRoot = env.getOrDefault("MINIPOD_RUN_ROOT", "/run/minipod");
        root = env.getOrDefault("MINIPOD_ROOT", "/var/lib/minipod");
        logRoot = env.getOrDefault("MINIPOD_LOG_ROOT", "/var/log/minipod");
    }

    public static void main(String[] args) throws java.io.IOException {
        if (Boolean.getBoolean(CdsTraining.PROPERTY)) System.exit(CdsTraining.run(args));
        Main main = new Main();
        main.handleInterrupts = true;
        System.exit(main.runWith(args, System.out, System.err, System.in));
    }

    /** Parses and runs one invocation; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
        return new Main().runWith(args, out, err, in);
    }

    /** Parses and runs one invocation with this instance's settings; returns the exit code. */
    int runWith(String[] args, PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
        int code;
        try {
            code = execute(args);
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
        if (inv.args.isUsageHelpRequested()) {
            out.print(verbHelp(inv.verb));
            return 0;
        }
        inv.verb.configure(inv.args);
        return inv.verb.run();
    }

    /** A parsed command line: the verb (null for none or unknown) with picocli's parse result of its arguments. */
    static final class Invocation {
        final Verb verb;
        final ParseResult args;
        final String unknown;

        Invocation(Verb verb, ParseResult args, String unknown) {
            this.verb = verb;
            this.args = args;
            this.unknown = unknown;
        }
    }

    /**
     * Parses building only the spec of the invoked verb. The usual {@code minipod VERB ...} goes straight to
     * the verb's spec (its options and the global ones, which are accepted anywhere); with options before
     * the verb, the root spec (global options, stopping at the first positional) finds it first. Applies the
     * global options.
     */
    Invocation parse(String[] argv) {
        Verb verb = argv.length > 0 ? newVerb(argv[0]) : null;
        if (verb != null) return parseVerb(verb, argv[0], java.util.Arrays.copyOfRange(argv, 1, argv.length));
        ParseResult top = Options.parse(rootSpec(), argv, "minipod");
        applyGlobals(top);
        List<String> rest = Options.positionals(top);
        if (rest.isEmpty() || top.isUsageHelpRequested()) return new Invocation(null, top, null);
        String name = rest.get(0);
        verb = newVerb(name);
        if (verb == null) return new Invocation(null, top, name);
        return parseVerb(verb, name, rest.subList(1, rest.size()).toArray(new String[0]));
    }

    private Invocation parseVerb(Verb verb, String name, String[] args) {
        ParseResult parsed = Options.parse(verb.spec(), args, "minipod " + name);
        applyGlobals(parsed);
        return new Invocation(verb, parsed, null);
    }

    /** {@code minipod [options] COMMAND [args]}: everything from the verb on is left to the verb's spec. */
    static CommandSpec rootSpec() {
        CommandSpec spec = Options.command("minipod", "minipod runs Kubernetes v1 Pods on this host.",
                "minipod [options] COMMAND [args]");
        spec.parser().stopAtPositional(true);
        spec.addPositional(Options.positionals("COMMAND [ARG...]"));
        return Options.addGlobals(spec);
    }

    private void applyGlobals(ParseResult a) {
        runRoot = Options.value(a, "run-root", runRoot);
        root = Options.value(a, "root", root);
        logRoot = Options.value(a, "log-root", logRoot);
        namespace = Options.value(a, "namespace", namespace);
    }

    Verb newVerb(String name) {
        switch (name) {
            case "apply": return new ApplyCommand(this);
            case "create": return new CreateCommand(this);
            case "get": return new GetCommand(this);
            case "describe": return new DescribeCommand(this);
            case "wait": return new WaitCommand(this);
            case "logs": return new LogsCommand(this);
            case "exec": return new ExecCommand(this);
            case "port-forward": return new PortForwardCommand(this);
            case "top": return new TopCommand(this);
            case "delete": return new DeleteCommand(this);
            case "import": return new ImportCommand(this);
            case "daemon": return new DaemonCommand(this);
            case "version": return new VersionCommand(this);
            default: return null;
        }
    }

    /** picocli's usage help of the root command, with every verb's spec built for the command list. */
    String rootHelp() {
        CommandLine cl = new CommandLine(rootSpec());
        cl.getCommandSpec().usageMessage().commandListHeading("%nCommands:%n")
                .footer("%nUse \"minipod COMMAND --help\" for more information about a command.");
        for (String v : VERBS) {
            Verb verb = newVerb(v);
            CommandSpec spec = verb.spec();
            cl.addSubcommand(v, spec);
        }
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** picocli's usage help of one verb. */
    static String verbHelp(Verb verb) {
        return new CommandLine(verb.spec()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    public String namespace() { return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace; }

    public boolean namespaceGiven() { return namespace != null && !namespace.isEmpty(); }

    public Path socket() { return Path.of(runRoot, "minipod.sock"); }

    public ApiClient api() { return new ApiClient(socket()); }
}
