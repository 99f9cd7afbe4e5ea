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

    private static final String POD = "{\"metadata\":{\"name\":\"demo\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"name\":\"app\"}]},"
            + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";

    /** Pods for the pod paths, an empty watch stream, and no events path (404), like a daemon of today. */
    private static byte[] answer(FakeDaemon.Request r) {
        String t = r.target();
        if (t.contains("/events")) return FakeDaemon.status(404, "NotFound", "the server could not find the requested resource");
        if (t.endsWith("?watch=true")) return FakeDaemon.chunked(200, "application/json");
        if (t.endsWith("/pods")) return FakeDaemon.json(200, "{\"kind\":\"PodList\",\"items\":[" + POD + "]}");
        return FakeDaemon.json(200, POD);
    }

    @Test
    void getPodsLoadsNoHeavyClasses() throws Exception {
        String output = runChecked("get", "pods");
        assertThat(output).startsWith("NAME   READY   STATUS    RESTARTS   AGE\ndemo   0/1     Running   0          <unknown>\n");
    }

    @Test
    void waitDescribeAndWatchLoadNoHeavyClasses() throws Exception {
        assertThat(runChecked("wait", "--for=condition=Ready", "pod/demo", "--timeout=5s")).isEqualTo("pod/demo condition met\n");
        assertThat(runChecked("describe", "pod", "demo")).startsWith("Name:         demo\n").endsWith("Tolerations:     <none>\nEvents:          <none>\n");
        assertThat(runChecked("get", "pods", "-w")).startsWith("NAME   READY   STATUS    RESTARTS   AGE\n");
    }

    /** Runs minipod in a fresh JVM with class-load logging; checks the exit code and the classes; returns the output. */
    private String runChecked(String... args) throws Exception {
        try (FakeDaemon d = new FakeDaemon(dir, StartupPathTest::answer)) {
            Path log = dir.resolve("classes.txt");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--run-root", dir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded).as("classes loaded by %s", List.of(args)).noneMatch(l -> l.contains("jnr.") || l.contains("com.kenai.jffi")
                    || l.contains("io.fabric8") || l.contains("org.eclipse.jetty") || l.contains("dev.minipod.runtime")
                    || l.contains("ObjectMapper") || l.contains("org.slf4j"));
            assertThat(loaded).as("picocli parses the command line").anyMatch(l -> l.contains("picocli.CommandLine "));
            assertThat(loaded).as("only the invoked verb's spec is built").noneMatch(l -> l.contains("dev.minipod.cli.ApplyCommand")
                    || l.contains("dev.minipod.cli.DeleteCommand") || l.contains("dev.minipod.cli.ExecCommand")
                    || l.contains("dev.minipod.cli.CdsTraining"));
            Files.delete(log);
            return output;
        }
    }
}
