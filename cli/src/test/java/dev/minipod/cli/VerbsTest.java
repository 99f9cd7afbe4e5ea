package dev.minipod.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Each verb end to end through {@link Main#run} against a fake daemon on a real unix socket. */
class VerbsTest {
    @TempDir
    Path dir;

    private FakeDaemon daemon;
    private String out;
    private String err;

    static final String DEMO = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'demo','namespace':'default',"
            + "'creationTimestamp':'2020-01-01T00:00:00Z'},'spec':{'containers':[{'name':'app','image':'busybox'}],"
            + "'restartPolicy':'Always','terminationGracePeriodSeconds':30},'status':{'phase':'Running',"
            + "'containerStatuses':[{'name':'app','ready':true,'restartCount':0,'state':{'running':{}}}]}}";
    static final String TWO = "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'two'},'spec':{'containers':"
            + "[{'name':'writer'},{'name':'web'}],'initContainers':[{'name':'setup'}]}}";

    static String q(String s) { return s.replace('\'', '"'); }

    @AfterEach
    void stop() throws IOException {
        if (daemon != null) daemon.close();
    }

    private void serve(Function<FakeDaemon.Request, byte[]> h) throws IOException {
        daemon = new FakeDaemon(dir, h);
    }

    private int runWithStdin(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--run-root", dir.toString(), "--log-root", dir.resolve("log").toString(),
                "--root", dir.resolve("root").toString()));
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(new String[0]), new PrintStream(o, true), new PrintStream(e, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private int run(String... args) { return runWithStdin("", args); }

    private List<String> lines() {
        List<String> l = new ArrayList<>();
        for (FakeDaemon.Request r : daemon.requests) l.add(r.line());
        return l;
    }

    @Test
    void getPodsPrintsTheTable() throws IOException {
        serve(r -> FakeDaemon.json(200, q("{'kind':'PodList','apiVersion':'v1','items':[" + DEMO + "]}")));
        assertThat(run("get", "pods")).isZero();
        assertThat(out).startsWith("NAME   READY   STATUS    RESTARTS   AGE\ndemo   1/1     Running   0          ");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods");
    }

    @Test
    void getPodsOnAnEmptyNamespaceSaysSoOnStderr() throws IOException {
        serve(r -> FakeDaemon.json(200, "{\"kind\":\"PodList\",\"items\":[]}"));
        assertThat(run("get", "po", "-n", "other")).isZero();
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("No resources found in other namespace.\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/other/pods");
    }

    @Test
    void getAMissingPodIsNotFoundExit3() throws IOException {
        serve(r -> FakeDaemon.status(404, "NotFound", "pods \"x\" not found"));
        assertThat(run("get", "pod", "x")).isEqualTo(3);
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"x\" not found\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/x");
    }

    @Test
    void getOutputFormats() throws IOException {
        serve(r -> r.target().endsWith("/pods") ? FakeDaemon.json(200, q("{'kind':'PodList','items':[" + DEMO + "]}"))
                : FakeDaemon.json(200, q(DEMO)));
        assertThat(run("get", "pods", "-o", "json")).isZero();
        assertThat(out).startsWith("{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"apiVersion\": \"v1\",\n")
                .endsWith("    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
        assertThat(run("get", "pod", "demo", "-o", "json")).isZero();
        assertThat(out).startsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n    \"metadata\": {\n");
        assertThat(run("get", "pod/demo", "-o", "name")).isZero();
        assertThat(out).isEqualTo("pod/demo\n");
        assertThat(run("get", "pods", "demo", "-o", "yaml")).isZero();
        assertThat(out).startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n").contains("  containers:\n  - image: busybox\n    name: app\n");
        assertThat(run("get", "pods", "-o", "table")).isEqualTo(2);
        assertThat(err).startsWith("error: unable to match a printer suitable for the output format \"table\"");
    }

    @Test
    void applyPostsEachDocumentWithTheLastAppliedRecord() throws IOException {
        serve(r -> FakeDaemon.json(201, r.body()));
        Path file = dir.resolve("pods.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: busybox\n"
                + "---\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  namespace: prod\nspec:\n  containers:\n  - name: c\n    image: busybox\n");
        assertThat(run("apply", "-f", file.toString())).isZero();
        assertThat(out).isEqualTo("pod/a created\npod/b created\n");
        assertThat(lines()).containsExactly("POST /api/v1/namespaces/default/pods", "POST /api/v1/namespaces/prod/pods");
        String body = daemon.requests.get(0).body();
        assertThat(body).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"annotations\":"
                + "{\"kubectl.kubernetes.io/last-applied-configuration\":");
        assertThat(daemon.requests.get(0).headers()).contains("Content-Type: application/json");
    }

    @Test
    void applyFromStdinInJson() throws IOException {
        serve(r -> FakeDaemon.json(201, r.body()));
        assertThat(runWithStdin(q("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'j'},'spec':{'containers':[{'name':'c','image':'x'}]}}"),
                "apply", "-f", "-")).isZero();
        assertThat(out).isEqualTo("pod/j created\n");
    }

    @Test
    void reapplyingTheSameSpecUpdatesOnlyMetadataAndADifferentSpecIsRefused() throws IOException {
        Path file = dir.resolve("pod.yaml");
        String manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n%sspec:\n  containers:\n  - name: app\n    image: %s\n";
        Files.writeString(file, manifest.formatted("", "busybox"));
        java.util.concurrent.atomic.AtomicReference<String> live = new java.util.concurrent.atomic.AtomicReference<>(q(DEMO));
        serve(r -> switch (r.method()) {
            case "POST" -> FakeDaemon.status(409, "AlreadyExists", "pods \"demo\" already exists");
            case "PUT" -> {
                live.set(r.body());
                yield FakeDaemon.json(200, r.body());
            }
            default -> FakeDaemon.json(200, live.get());
        });
        assertThat(run("apply", "-f", file.toString())).isZero();
        assertThat(out).as("the live pod has no last-applied record yet").isEqualTo("pod/demo configured\n");
        assertThat(lines()).containsExactly("POST /api/v1/namespaces/default/pods", "GET /api/v1/namespaces/default/pods/demo",
                "PUT /api/v1/namespaces/default/pods/demo");
        assertThat(live.get()).contains(ApplyCommand.LAST_APPLIED).contains("\"status\":{\"phase\":\"Running\"");
        assertThat(run("apply", "-f", file.toString())).isZero();
        assertThat(out).isEqualTo("pod/demo unchanged\n");

        Files.writeString(file, manifest.formatted("  labels: {app: web}\n", "busybox"));
        assertThat(run("apply", "-f", file.toString())).isZero();
        assertThat(out).isEqualTo("pod/demo configured\n");
        assertThat(live.get()).contains("\"labels\":{\"app\":\"web\"}");
        Files.writeString(file, manifest.formatted("", "busybox"));
        assertThat(run("apply", "-f", file.toString())).isZero();
        assertThat(live.get()).as("a label dropped from the file is removed").doesNotContain("\"app\":\"web\"");

        Files.writeString(file, manifest.formatted("", "nginx"));
        assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
        assertThat(err).startsWith("The Pod \"demo\" is invalid: spec: Forbidden: pod updates may not change fields other than ");
    }

    @Test
    void applyReportsInvalidAndMissingFiles() throws IOException {
        serve(r -> FakeDaemon.json(422, q("{'kind':'Status','status':'Failure','message':'Pod \\'demo\\' is invalid','reason':'Invalid',"
                + "'details':{'name':'demo','kind':'Pod','causes':[{'reason':'FieldValueRequired','message':'Required value',"
                + "'field':'spec.containers[0].image'}]},'code':422}")));
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n");
        assertThat(run("apply", "-f", file.toString())).isEqualTo(2);
        assertThat(err).isEqualTo("The Pod \"demo\" is invalid: spec.containers[0].image: Required value\n");
        assertThat(run("apply", "-f", "missing.yaml")).isEqualTo(3);
        assertThat(err).isEqualTo("error: the path \"missing.yaml\" does not exist\n");
    }

    @Test
    void applyWithoutADaemonTriesToStartOneAndReportsItsFailure() throws IOException {
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: x\n");
        String saved = System.getProperty("minipod.launcher");
        System.setProperty("minipod.launcher", "/bin/false");
        try {
            assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
        } finally {
            if (saved == null) System.clearProperty("minipod.launcher"); else System.setProperty("minipod.launcher", saved);
        }
        assertThat(err).startsWith("error: the minipod daemon exited with code 1 before answering on " + dir.resolve("minipod.sock"))
                .contains(dir.resolve("log").resolve("daemon.log").toString());
        assertThat(dir.resolve("log").resolve("daemon.log")).exists();
    }

    @Test
    void logsDefaultsToTheFirstContainerAndStreamsTheBody() throws IOException {
        serve(r -> r.target().contains("/log") ? FakeDaemon.chunked(200, "text/plain",
                "line 1\n".getBytes(StandardCharsets.UTF_8), "line 2\n".getBytes(StandardCharsets.UTF_8))
                : FakeDaemon.json(200, q(TWO)));
        assertThat(run("logs", "two")).isZero();
        assertThat(err).isEqualTo("Defaulted container \"writer\" out of: writer, web, setup (init)\n");
        assertThat(out).isEqualTo("line 1\nline 2\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/two",
                "GET /api/v1/namespaces/default/pods/two/log?container=writer");
    }

    @Test
    void logsWithAContainerSkipsTheLookupAndFollowIsRefused() throws IOException {
        serve(r -> FakeDaemon.response(200, "text/plain", "old\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(run("logs", "two", "-c", "web", "--previous")).isZero();
        assertThat(out).isEqualTo("old\n");
        assertThat(err).isEmpty();
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/two/log?container=web&previous=true");
        assertThat(run("logs", "two", "-f")).isEqualTo(2);
        assertThat(err).isEqualTo("error: --follow is not supported yet\n");
    }

    @Test
    void logsHonoursTheDefaultContainerAnnotation() throws IOException {
        serve(r -> r.target().contains("/log") ? FakeDaemon.response(200, "text/plain", new byte[0])
                : FakeDaemon.json(200, q("{'metadata':{'name':'two','annotations':{'kubectl.kubernetes.io/default-container':'web'}},"
                + "'spec':{'containers':[{'name':'writer'},{'name':'web'}]}}")));
        assertThat(run("logs", "two")).isZero();
        assertThat(err).isEmpty();
        assertThat(lines()).last().isEqualTo("GET /api/v1/namespaces/default/pods/two/log?container=web");
    }

    @Test
    void execRelaysFramesAndExitsWithTheCommandsCode() throws IOException {
        byte[] frames = FakeDaemon.concat(FakeDaemon.concat(ExecFrames.frame(1, "out\n".getBytes(StandardCharsets.UTF_8)),
                ExecFrames.frame(2, "err\n".getBytes(StandardCharsets.UTF_8))), ExecFrames.frame(3, "7".getBytes(StandardCharsets.UTF_8)));
        serve(r -> r.target().contains("/exec") ? FakeDaemon.chunked(200, "application/vnd.minipod.exec-stream", frames)
                : FakeDaemon.json(200, q(DEMO)));
        assertThat(run("exec", "demo", "--", "sh", "-c", "exit 7")).isEqualTo(7);
        assertThat(out).isEqualTo("out\n");
        assertThat(err).isEqualTo("err\ncommand terminated with exit code 7\n");
        assertThat(lines()).containsExactly("GET /api/v1/namespaces/default/pods/demo",
                "POST /api/v1/namespaces/default/pods/demo/exec?container=app&command=sh&command=-c&command=exit%207");
        assertThat(run("exec", "-it", "demo", "--", "sh")).isEqualTo(2);
        assertThat(err).isEqualTo("error: -i/--stdin and -t/--tty are not supported yet\n");
    }

    @Test
    void execDefaultingMessageForSeveralContainers() throws IOException {
        serve(r -> r.target().contains("/exec") ? FakeDaemon.response(200, "application/vnd.minipod.exec-stream",
                ExecFrames.frame(3, "0".getBytes(StandardCharsets.UTF_8))) : FakeDaemon.json(200, q(TWO)));
        assertThat(run("exec", "two", "--", "true")).isZero();
        assertThat(err).isEqualTo("Defaulted container \"writer\" out of: writer, web, setup (init)\n");
    }

    @Test
    void deletePrintsThenWaitsUntilTheGetIs404() throws IOException {
        AtomicInteger gets = new AtomicInteger();
        serve(r -> {
            if (r.method().equals("DELETE")) return FakeDaemon.json(200, q(DEMO));
            return gets.incrementAndGet() < 3 ? FakeDaemon.json(200, q(DEMO)) : FakeDaemon.status(404, "NotFound", "pods \"demo\" not found");
        });
        assertThat(run("delete", "pod", "demo")).isZero();
        assertThat(out).isEqualTo("pod \"demo\" deleted from default namespace\n");
        assertThat(lines()).containsExactly("DELETE /api/v1/namespaces/default/pods/demo",
                "GET /api/v1/namespaces/default/pods/demo", "GET /api/v1/namespaces/default/pods/demo",
                "GET /api/v1/namespaces/default/pods/demo");
    }

    @Test
    void forceDeleteSendsGraceZeroAndWarns() throws IOException {
        serve(r -> r.method().equals("DELETE") ? FakeDaemon.json(200, q(DEMO)) : FakeDaemon.status(404, "NotFound", "gone"));
        assertThat(run("delete", "pod/demo", "--force", "--grace-period=0")).isZero();
        assertThat(out).isEqualTo("pod \"demo\" force deleted from default namespace\n");
        assertThat(err).startsWith("Warning: Immediate deletion does not wait for confirmation");
        assertThat(lines()).first().isEqualTo("DELETE /api/v1/namespaces/default/pods/demo?gracePeriodSeconds=0");
    }

    @Test
    void deleteGraceRules() throws IOException {
        serve(r -> r.method().equals("DELETE") ? FakeDaemon.json(200, q(DEMO)) : FakeDaemon.status(404, "NotFound", "gone"));
        assertThat(run("delete", "pod", "demo", "--now", "--wait=false")).isZero();
        assertThat(lines()).containsExactly("DELETE /api/v1/namespaces/default/pods/demo?gracePeriodSeconds=1");
        assertThat(run("delete", "pod", "demo", "--grace-period=0")).isZero();
        assertThat(lines()).contains("DELETE /api/v1/namespaces/default/pods/demo?gracePeriodSeconds=1");
        assertThat(run("delete", "pod", "demo", "--grace-period=0", "--wait=false")).isEqualTo(2);
        assertThat(err).isEqualTo("error: --grace-period=0 must have either --force specified, or --wait to be set to true\n");
        assertThat(run("delete", "pod", "demo", "--now", "--grace-period=3")).isEqualTo(2);
        assertThat(err).isEqualTo("error: --now and --grace-period cannot be specified together\n");
    }

    @Test
    void deleteNotFoundAndIgnoreNotFound() throws IOException {
        serve(r -> FakeDaemon.status(404, "NotFound", "pods \"nope\" not found"));
        assertThat(run("delete", "pod", "nope")).isEqualTo(3);
        assertThat(err).isEqualTo("Error from server (NotFound): pods \"nope\" not found\n");
        assertThat(run("delete", "pod", "nope", "--ignore-not-found")).isZero();
        assertThat(out).isEmpty();
        assertThat(err).isEmpty();
    }

    @Test
    void deleteByFile() throws IOException {
        serve(r -> r.method().equals("DELETE") ? FakeDaemon.json(200, q(DEMO)) : FakeDaemon.status(404, "NotFound", "gone"));
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\n  namespace: web\nspec:\n  containers: []\n");
        assertThat(run("delete", "-f", file.toString())).isZero();
        assertThat(out).isEqualTo("pod \"demo\" deleted from web namespace\n");
        assertThat(lines()).first().isEqualTo("DELETE /api/v1/namespaces/web/pods/demo");
    }

    @Test
    void importThroughTheDaemon() throws IOException {
        Path layout = Files.createDirectories(dir.resolve("busybox-oci"));
        serve(r -> FakeDaemon.json(201, "{\"name\":\"busybox:latest\",\"digest\":\"sha256:abc\"}"));
        assertThat(run("import", layout.toString(), "busybox")).isZero();
        assertThat(out).isEqualTo("imported busybox:latest sha256:abc\n");
        assertThat(lines()).containsExactly("POST /minipod/v1/images/import");
        assertThat(daemon.requests.get(0).body()).isEqualTo("{\"path\":\"" + layout + "\",\"name\":\"busybox\"}");
        assertThat(run("import", dir.resolve("nope").toString(), "x")).isEqualTo(3);
        assertThat(err).isEqualTo("error: the path \"" + dir.resolve("nope") + "\" does not exist\n");
    }

    @Test
    void importWithoutADaemonNeedsTheInProcessEntryPoint() throws IOException {
        Path layout = Files.createDirectories(dir.resolve("busybox-oci"));
        boolean present;
        try {
            Class.forName(ImportCommand.IMPORT_CLASS);
            present = true;
        } catch (ClassNotFoundException e) {
            present = false;
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(present, "the runtime now ships the in-process import");
        assertThat(run("import", layout.toString(), "busybox")).isEqualTo(1);
        assertThat(err).contains("no daemon answers on " + dir.resolve("minipod.sock"))
                .contains(ImportCommand.IMPORT_CLASS);
    }

    @Test
    void noDaemonIsAClearError() {
        assertThat(run("get", "pods")).isEqualTo(1);
        assertThat(err).startsWith("error: cannot connect to the minipod daemon at " + dir.resolve("minipod.sock"));
    }

    @Test
    void versionAndHelp() {
        assertThat(run("version")).isZero();
        assertThat(out).startsWith("Client Version: v");
        assertThat(run("--help")).isZero();
        assertThat(out).contains("apply", "get", "logs", "exec", "delete", "import", "daemon");
    }

    @Test
    void applyADirectoryTakesItsManifestsInNameOrder() throws IOException {
        serve(r -> FakeDaemon.json(201, r.body()));
        Path d = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(d.resolve("b.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers: []\n");
        Files.writeString(d.resolve("a.json"), q("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'a'},'spec':{'containers':[]}}"));
        Files.writeString(d.resolve("notes.txt"), "not a manifest");
        assertThat(run("apply", "-f", d.toString())).isZero();
        assertThat(out).isEqualTo("pod/a created\npod/b created\n");
    }

    @Test
    void applyRefusesKindsTheDaemonDoesNotServe() throws IOException {
        serve(r -> FakeDaemon.json(201, r.body()));
        Path file = dir.resolve("deploy.yaml");
        Files.writeString(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n");
        assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
        assertThat(err).isEqualTo("error: resource mapping not found for name: \"web\" namespace: \"\" from \"" + file
                + "\": no matches for kind \"Deployment\" in version \"apps/v1\"\n");
        assertThat(daemon.requests).isEmpty();
    }

    @Test
    void applyRefusesANamespaceThatContradictsTheFlag() throws IOException {
        serve(r -> FakeDaemon.json(201, r.body()));
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: prod\nspec:\n  containers: []\n");
        assertThat(run("apply", "-f", file.toString(), "-n", "dev")).isEqualTo(2);
        assertThat(err).isEqualTo("error: the namespace from the provided object \"prod\" does not match the namespace \"dev\". "
                + "You must pass '--namespace=prod' to perform this operation.\n");
    }

    @Test
    void verbHelpAndUnknownCommands() {
        assertThat(run("get", "--help")).isZero();
        assertThat(out).contains("minipod get pods|pod|po [NAME...]", "-o, --output=FORMAT");
        assertThat(run("frob")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unknown command \"frob\" for \"minipod\"\nRun 'minipod --help' for usage.\n");
        assertThat(run("get", "pods", "--bogus")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unknown flag: --bogus\nSee 'minipod get --help' for usage.\n");
        assertThat(run("delete", "-h")).isZero();
        assertThat(out).contains("minipod delete -f FILE", "--grace-period=SECONDS", "--wait[=true|false]", "-n, --namespace=NS");
        assertThat(run("--bogus", "get", "pods")).isEqualTo(2);
        assertThat(err).isEqualTo("error: unknown flag: --bogus\nSee 'minipod --help' for usage.\n");
        assertThat(run("--namespace")).isEqualTo(2);
        assertThat(err).isEqualTo("error: flag needs an argument: --namespace\nSee 'minipod --help' for usage.\n");
    }

    record FakeImage(String name, String digest) {}

    @Test
    void importDigestComesFromAStringOrADigestAccessor() {
        assertThat(ImportCommand.digestOf("sha256:1")).isEqualTo("sha256:1");
        assertThat(ImportCommand.digestOf(new FakeImage("busybox:latest", "sha256:2"))).isEqualTo("sha256:2");
        assertThat(ImportCommand.digestOf(null)).isEmpty();
    }

    @Test
    void applyStartsADaemonInTheBackgroundWhenNoneAnswers() throws Exception {
        Path file = dir.resolve("pod.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n  - name: app\n    image: x\n");
        Path launcher = dir.resolve("launcher.sh");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + FakeDaemonProcess.class.getName() + " \"$@\"\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        String saved = System.getProperty("minipod.launcher");
        System.setProperty("minipod.launcher", launcher.toString());
        try {
            assertThat(run("apply", "-f", file.toString())).as(err).isZero();
        } finally {
            if (saved == null) System.clearProperty("minipod.launcher"); else System.setProperty("minipod.launcher", saved);
        }
        assertThat(out).isEqualTo("pod/demo created\n");
        assertThat(Files.readString(dir.resolve("log").resolve("daemon.log"))).contains("fake daemon listening on");
    }
}
