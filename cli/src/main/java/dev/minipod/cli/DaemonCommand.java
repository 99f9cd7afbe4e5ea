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
        CommandSpec spec = Options.command(name(), summary(), "minipod daemon [--manifests DIR] [--cgroup-parent NAME] "
                + "[--pod-pids-limit N] [--cpu-manager-policy none|static] [--reserved-cpus LIST]");
        spec.addOption(Options.value("manifests", Options.NONE, "DIR", "Directory of static pod manifests"));
        for (String[] o : PASSED) {
            spec.addOption(Options.value(o[0], Options.NONE, o[1], o[2]));
        }
        spec.addPositional(Options.positionals("ARG"));
        return Options.addGlobals(spec);
    }

    /** Daemon options passed through as given (the daemon checks them): name, label, help. */
    static final String[][] PASSED = {
        {"cgroup-parent", "NAME", "Cgroup under which pods are placed (default minipod)"},
        {"pod-pids-limit", "N", "pids.max of every pod cgroup (default -1: none)"},
        {"cpu-manager-policy", "POLICY", "none (default) or static: exclusive CPUs for Guaranteed pods with whole CPUs"},
        {"reserved-cpus", "LIST", "CPUs the static policy never gives out exclusively, e.g. 0"},
        {"cni-conf-dir", "DIR", "CNI network configs (default /etc/minipod/cni/net.d; a default bridge network is written if empty)"},
        {"cni-bin-dir", "DIRS", "Colon-separated CNI plugin dirs (default /usr/lib/cni:/opt/cni/bin)"},
        {"cni-timeout", "DURATION", "How long one CNI plugin call may take (default 60s)"},
        {"pod-subnet", "CIDR", "Subnet of the default network (default 10.86.0.0/16)"},
        {"pod-bridge", "NAME", "Bridge of the default network (default minipod0)"},
    };

    private final List<String> passed = new ArrayList<>();

    @Override
    public void configure(ParseResult args) {
        Verbs.noPositionals(Options.positionals(args), "daemon");
        manifests = Options.value(args, "manifests", null);
        for (String[] o : PASSED) {
            String v = Options.value(args, o[0], null);
            if (v != null) {
                passed.add("--" + o[0]);
                passed.add(v);
            }
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
        args.addAll(passed);
        return args;
    }
}
