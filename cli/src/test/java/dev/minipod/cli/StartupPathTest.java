package dev.minipod.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code minipod get pods} in a fresh JVM (with the whole test class path, runtime included) against a
 * fake daemon and checks which classes it loaded: the thin client must never touch jnr-ffi, fabric8, Jetty,
 * the runtime, slf4j or an ObjectMapper. picocli, the CLI's parser, is expected: only the spec of the invoked
 * verb is built.
 */
class StartupPathTest {
    @TempDir
    Path dir;

    @Test
    void getPodsLoadsNoHeavyClasses() throws Exception {
        String pod = "{\"metadata\":{\"name\":\"demo\"},\"spec\":{\"containers\":[{\"name\":\"app\"}]},\"status\":{\"phase\":\"Running\"}}";
        try (FakeDaemon d = new FakeDaemon(dir, r -> FakeDaemon.json(200, "{\"kind\":\"PodList\",\"items\":[" + pod + "]}"))) {
            Path log = dir.resolve("classes.txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--run-root", dir.toString(), "get", "pods"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).startsWith("NAME   READY   STATUS    RESTARTS   AGE\ndemo   0/1     Running   0          <unknown>\n");
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("classes loaded by get pods").noneMatch(l -> l.contains("jnr.") || l.contains("com.kenai.jffi")
                    || l.contains("io.fabric8") || l.contains("org.eclipse.jetty") || l.contains("dev.minipod.runtime")
                    || l.contains("ObjectMapper") || l.contains("org.slf4j"));
            assertThat(loaded).as("picocli parses the command line").anyMatch(l -> l.contains("picocli.CommandLine "));
            assertThat(loaded).as("only the invoked verb's spec is built").noneMatch(l -> l.contains("dev.minipod.cli.ApplyCommand")
                    || l.contains("dev.minipod.cli.DeleteCommand") || l.contains("dev.minipod.cli.ExecCommand")
                    || l.contains("dev.minipod.cli.CdsTraining"));
        }
    }
}
