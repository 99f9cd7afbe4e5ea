package dev.minipod.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code minipod daemon}: the node agent in the foreground. The daemon lives in the runtime library
 * and is reached by reflection so that no other verb ever loads its classes.
 */
final class DaemonCommand implements Verb {
    static final String DAEMON_CLASS = "dev.minipod.runtime.daemon.Daemon";

    private final Main root;
    String manifests;

    DaemonCommand(Main root) { this.root = root; }

    @Override public String name() { return "daemon"; }
    @Override public String summary() { return "Run the minipod daemon (the node agent) in the foreground."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod daemon [--manifests DIR]");
        spec.addOption(Options.value("manifests", Options.NONE, "DIR", "Directory of static pod manifests"));
        spec.addPositional(Options.positionals("ARG"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        Verbs.noPositionals(Options.positionals(args), "daemon");
        manifests = Options.value(args, "manifests", null);
    }

    @Override
    public int run() throws Exception {
        Method main;
        try {
            main = Class.forName(DAEMON_CLASS).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw CliException.failure("this build has no daemon: " + DAEMON_CLASS + ".main(String[]) is missing");
        }
        try {
            main.invoke(null, (Object) daemonArgs().toArray(new String[0]));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) throw (Exception) cause;
            throw e;
        }
        return 0;
    }

    List<String> daemonArgs() {
        List<String> args = new ArrayList<>(List.of("--root", root.root, "--run-root", root.runRoot,
                "--log-root", root.logRoot));
        if (manifests != null) {
            args.add("--manifests");
            args.add(manifests);
        }
        return args;
    }
}
