package dev.minipod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.state.Dirs;

/**
 * The real `bin/minipod` launcher against a real daemon process on private roots under a temp dir, for the
 * root end-to-end tests; {@link #stop} deletes what a failed test left, stops the daemon and checks nothing leaked.
 */
final class LauncherHarness {
    record Run(int code, String out, String err) {}

    final Path dir;
    private final String launcher;
    private final Process daemon;

    private LauncherHarness(Path dir, String launcher, Process daemon) {
        this.dir = dir;
        this.launcher = launcher;
        this.daemon = daemon;
    }

    /** Skips the test (JUnit assumption) without -Dminipod.launcher, which make test sets. */
    static LauncherHarness start(String prefix) throws Exception {
        String launcher = System.getProperty("minipod.launcher");
        Assumptions.assumeTrue(launcher != null && Files.isExecutable(Path.of(launcher)),
                "needs -Dminipod.launcher=<checkout>/bin/minipod (make test sets it)");
        Path dir = Files.createTempDirectory(prefix);
        // a loopback-only pod network: no bridge or iptables shared with the tests running beside these
        Files.createDirectories(dir.resolve("cni"));
        Files.writeString(dir.resolve("cni/10-lo.conflist"),
                "{\"cniVersion\": \"1.0.0\", \"name\": \"lo-only\", \"plugins\": [{\"type\": \"loopback\"}]}");
        Process daemon = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.minipod.runtime.daemon.Daemon",
                "--root", dir.resolve("root").toString(), "--run-root", dir.resolve("run").toString(),
                "--log-root", dir.resolve("log").toString(), "--libexec", System.getProperty("minipod.libexec"),
                "--cgroup-parent", "minipod-it-" + dir.getFileName(), "--cni-conf-dir", dir.resolve("cni").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(dir.resolve("run/minipod.sock")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return new LauncherHarness(dir, launcher, daemon);
    }

    String launcher() { return launcher; }

    Run minipod(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("MINIPOD_ROOT", dir.resolve("root").toString());
        env.put("MINIPOD_RUN_ROOT", dir.resolve("run").toString());
        env.put("MINIPOD_LOG_ROOT", dir.resolve("log").toString());
        pb.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("minipod %s finished", List.of(args)).isTrue();
        return new Run(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    void stop() throws Exception {
        if (daemon.isAlive()) {
            // a failed test may leave pods: delete them through the CLI before stopping the daemon
            for (String name : minipod("get", "pods", "-o", "name").out().split("\n")) {
                if (!name.isBlank()) minipod("delete", name.trim(), "--grace-period=0", "--force");
            }
        }
        daemon.destroy();
        daemon.waitFor(20, TimeUnit.SECONDS);
        // the daemon keeps the Secrets' tmpfs for its successor; the test is the last user and wipes it
        Path secrets = dir.resolve("run/secrets");
        if (MountInfo.isMountPoint(secrets)) {
            assertThat(new ProcessBuilder("umount", secrets.toString()).inheritIO().start().waitFor()).isZero();
        }
        assertThat(MountInfo.under(dir)).isEmpty();
        assertThat(Files.exists(Path.of("/sys/fs/cgroup/memory/minipod-it-" + dir.getFileName()))).isFalse();
        Dirs.deleteTree(dir);
    }
}
