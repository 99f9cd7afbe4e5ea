package dev.minipod.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliParsingTest {
    private Main main;

    @SuppressWarnings("unchecked")
    private <T> T parse(String... args) {
        main = new Main();
        CommandLine.ParseResult r = Main.commandLine(main).parseArgs(args);
        return (T) r.subcommand().commandSpec().userObject();
    }

    @Test
    void globalOptionsDefaultAndAreAcceptedBeforeOrAfterTheVerb() {
        VersionCommand v = parse("version");
        assertThat(v.root).isSameAs(main);
        if (System.getenv("MINIPOD_RUN_ROOT") == null) assertThat(main.runRoot).isEqualTo("/run/minipod");
        if (System.getenv("MINIPOD_ROOT") == null) assertThat(main.root).isEqualTo("/var/lib/minipod");
        if (System.getenv("MINIPOD_LOG_ROOT") == null) assertThat(main.logRoot).isEqualTo("/var/log/minipod");
        assertThat(main.namespace()).isEqualTo("default");
        assertThat(main.namespaceGiven()).isFalse();

        parse("--run-root", "/tmp/r", "get", "pods", "-n", "kube-system", "--root", "/tmp/s", "--log-root=/tmp/l");
        assertThat(main.runRoot).isEqualTo("/tmp/r");
        assertThat(main.root).isEqualTo("/tmp/s");
        assertThat(main.logRoot).isEqualTo("/tmp/l");
        assertThat(main.namespace()).isEqualTo("kube-system");
        assertThat(main.namespaceGiven()).isTrue();
        assertThat(main.socket().toString()).isEqualTo("/tmp/r/minipod.sock");
    }

    @Test
    void apply() {
        ApplyCommand a = parse("apply", "-f", "pod.yaml", "--filename=-");
        assertThat(a.files).containsExactly("pod.yaml", "-");
        assertThatThrownBy(() -> parse("apply")).isInstanceOf(CommandLine.MissingParameterException.class);
    }

    @Test
    void get() {
        GetCommand g = parse("get", "po", "demo", "-o", "wide");
        assertThat(g.args).containsExactly("po", "demo");
        assertThat(g.output).isEqualTo("wide");
        GetCommand plain = parse("get", "pods");
        assertThat(plain.output).isEmpty();
        assertThat(ResourceArgs.podNames(plain.args, "get")).isEmpty();
        assertThat(ResourceArgs.podNames(List.of("pod/a", "pods/b"), "get")).containsExactly("a", "b");
        assertThatThrownBy(() -> ResourceArgs.podNames(List.of("deploy", "x"), "get")).isInstanceOf(CliException.class)
                .hasMessage("error: the server doesn't have a resource type \"deploy\"");
    }

    @Test
    void logs() {
        LogsCommand l = parse("logs", "demo", "-c", "web", "-p");
        assertThat(l.name).isEqualTo("demo");
        assertThat(l.container).isEqualTo("web");
        assertThat(l.previous).isTrue();
        LogsCommand f = parse("logs", "pod/demo", "--previous", "-f");
        assertThat(f.follow).isTrue();
        assertThat(LogsCommand.podName(f.name)).isEqualTo("demo");
        assertThat(LogsCommand.logPath("default", "demo", "web", true))
                .isEqualTo("/api/v1/namespaces/default/pods/demo/log?container=web&previous=true");
    }

    @Test
    void execTakesEverythingAfterDoubleDashAsTheCommand() {
        ExecCommand e = parse("exec", "demo", "-c", "app", "--", "sh", "-c", "exit 7");
        assertThat(e.args).containsExactly("demo", "sh", "-c", "exit 7");
        assertThat(e.container).isEqualTo("app");
        assertThat(ExecCommand.execPath("default", "demo", "app", List.of("sh", "-c", "exit 7")))
                .isEqualTo("/api/v1/namespaces/default/pods/demo/exec?container=app&command=sh&command=-c&command=exit%207");
        ExecCommand it = parse("exec", "-it", "demo", "--", "sh");
        assertThat(it.stdin).isTrue();
        assertThat(it.tty).isTrue();
    }

    @Test
    void delete() {
        DeleteCommand d = parse("delete", "pod", "demo", "--grace-period=5", "--force", "--ignore-not-found", "--wait=false");
        assertThat(d.args).containsExactly("pod", "demo");
        assertThat(d.gracePeriod).isEqualTo(5);
        assertThat(d.force).isTrue();
        assertThat(d.ignoreNotFound).isTrue();
        assertThat(d.waitForDeletion).isFalse();
        DeleteCommand defaults = parse("delete", "pod", "demo");
        assertThat(defaults.gracePeriod).isEqualTo(-1);
        assertThat(defaults.waitForDeletion).isTrue();
        assertThat(defaults.now).isFalse();
        DeleteCommand byFile = parse("delete", "-f", "pod.yaml", "--now", "--wait");
        assertThat(byFile.files).containsExactly("pod.yaml");
        assertThat(byFile.now).isTrue();
        assertThat(byFile.waitForDeletion).isTrue();
    }

    @Test
    void importAndDaemon() {
        ImportCommand i = parse("import", "./busybox-oci", "busybox:1.36");
        assertThat(i.dir).isEqualTo("./busybox-oci");
        assertThat(i.name).isEqualTo("busybox:1.36");
        assertThat(ImportCommand.withTag("busybox")).isEqualTo("busybox:latest");
        assertThat(ImportCommand.withTag("localhost:5000/busybox")).isEqualTo("localhost:5000/busybox:latest");
        assertThat(ImportCommand.withTag("busybox:1.36")).isEqualTo("busybox:1.36");

        DaemonCommand d = parse("--root", "/s", "daemon", "--manifests", "/etc/minipod/manifests", "--run-root", "/r");
        assertThat(d.daemonArgs()).containsExactly("--root", "/s", "--run-root", "/r", "--log-root", main.logRoot,
                "--manifests", "/etc/minipod/manifests");
    }

    @Test
    void daemonStarterPassesTheRootsThrough() {
        parse("--root", "/s", "--run-root", "/r", "--log-root", "/l", "version");
        String saved = System.getProperty("minipod.launcher");
        try {
            System.setProperty("minipod.launcher", "/usr/local/bin/minipod");
            assertThat(DaemonStarter.command(main)).endsWith("/usr/local/bin/minipod", "--root", "/s", "--run-root", "/r",
                    "--log-root", "/l", "daemon");
            System.clearProperty("minipod.launcher");
            assertThat(DaemonStarter.command(main)).contains("-cp", Main.class.getName()).endsWith("daemon");
        } finally {
            if (saved != null) System.setProperty("minipod.launcher", saved);
        }
    }

    @Test
    void unknownVerbsAndOptionsAreUsageErrors() {
        assertThatThrownBy(() -> parse("frobnicate")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("logs")).isInstanceOf(CommandLine.MissingParameterException.class);
        assertThatThrownBy(() -> parse("delete", "--grace-period", "soon")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
