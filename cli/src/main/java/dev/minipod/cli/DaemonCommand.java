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
    /** Pod network flags passed through to the daemon: option name -> value. */
    final java.util.Map<String, String> network = new java.util.LinkedHashMap<>();
    static final String[][] NETWORK_OPTIONS = {
        {"cni-conf-dir", "DIR", "CNI network configs (default /etc/minipod/cni/net.d; a default bridge network is written if empty)"},
        {"cni-bin-dir", "DIRS", "Colon-separated CNI plugin dirs (default /usr/lib/cni:/opt/cni/bin)"},
        {"pod-subnet", "CIDR", "Subnet of the default network (default 10.86.0.0/16)"},
        {"pod-bridge", "NAME", "Bridge of the default network (default minipod0)"},
    };

    DaemonCommand(Main root) { this.root = root; }

    @Override public String name() { return "daemon"; }
    @Override public String summary() { return "Run the minipod daemon (the node agent) in the foreground."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod daemon [--manifests DIR]");
        spec.addOption(Options.value("manifests", Options.NONE, "DIR", "Directory of static pod manifests"));
        for (String[] o : NETWORK_OPTIONS) spec.addOption(Options.value(o[0], Options.NONE, o[1], o[2]));
        spec.addPositional(Options.positionals("ARG"));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        Verbs.noPositionals(Options.positionals(args), "daemon");
        manifests = Options.value(args, "manifests", null);
        for (String[] o : NETWORK_OPTIONS) {
            String v = Options.value(args, o[0], null);
            if (v != null) network.put(o[0], v);
        }
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
        network.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return args;
    }
}
