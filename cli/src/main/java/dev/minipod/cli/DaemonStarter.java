package dev.minipod.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a background daemon when nothing answers the socket (the embedded default of {@code apply}). */
final class DaemonStarter {
    static final long WAIT_MILLIS = 10_000;

    private DaemonStarter() {}

    /** Makes sure a daemon answers; starts one detached and waits for it when none does. */
    static void ensureRunning(Main root, UnixHttpClient http, PrintStream err) throws IOException {
        IOException why = http.probe();
        if (why == null) return;
        if (String.valueOf(why.getMessage()).contains("Permission denied")) {
            throw new DaemonUnavailableException(http.socket(), why); // a daemon runs, but not for us: no second one
        }
        Path logRoot = Path.of(root.logRoot);
        Files.createDirectories(logRoot);
        Path log = logRoot.resolve("daemon.log");
        ProcessBuilder pb = new ProcessBuilder(command(root))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Process p = pb.start();
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (http.answers()) return;
            if (!p.isAlive() && p.exitValue() != 0) { // 0: setsid forked, the daemon lives on
                throw CliException.failure("the minipod daemon exited with code " + p.exitValue()
                        + " before answering on " + http.socket() + "; see " + log);
            }
            sleep(50);
        }
        throw CliException.failure("the minipod daemon started in the background did not answer on "
                + http.socket() + " within " + WAIT_MILLIS / 1000 + "s; see " + log);
    }

    /** The launcher (bin/minipod, via -Dminipod.launcher) or this JVM and class path, with {@code daemon}. */
    static List<String> command(Main root) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid"); // own session: no SIGHUP
        String launcher = System.getProperty("minipod.launcher");
        if (launcher != null && !launcher.isEmpty()) {
            cmd.add(launcher);
        } else {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
        }
        cmd.add("--root");
        cmd.add(root.root);
        cmd.add("--run-root");
        cmd.add(root.runRoot);
        cmd.add("--log-root");
        cmd.add(root.logRoot);
        cmd.add("daemon");
        return cmd;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted while waiting for the daemon");
        }
    }
}
