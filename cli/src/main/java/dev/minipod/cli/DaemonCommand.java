package dev.minipod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code minipod daemon}: the node agent in the foreground. The daemon lives in the runtime library
 * and is reached by reflection so that no other verb ever loads its classes.
 */
@Command(name = "daemon", description = "Run the minipod daemon (the node agent) in the foreground.")
final class DaemonCommand implements Callable<Integer> {
    static final String DAEMON_CLASS = "dev.minipod.runtime.daemon.Daemon";

    @ParentCommand
    Main root;

    @Option(names = "--manifests", paramLabel = "DIR", description = "Directory of static pod manifests.")
    String manifests;

    @Override
    public Integer call() throws Exception {
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
