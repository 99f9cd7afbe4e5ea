package dev.minipod.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliParsingTest {
    private Main main;

    @SuppressWarnings("unchecked")
    private <T extends Verb> T parse(String... args) {
        main = new Main(Map.of());
        Main.Invocation inv = main.parse(args);
        inv.verb.configure(inv.args);
        return (T) inv.verb;
    }

    @Test
    void globalOptionsDefaultFromEnvironmentAndAreAcceptedBeforeOrAfterTheVerb() {
        parse("version");
        assertThat(main.runRoot).isEqualTo("/run/minipod");
        assertThat(main.root).isEqualTo("/var/lib/minipod");
        assertThat(main.logRoot).isEqualTo("/var/log/minipod");
        assertThat(main.namespace()).isEqualTo("default");
        assertThat(main.namespaceGiven()).isFalse();

        Main env = new Main(Map.of("MINIPOD_RUN_ROOT", "/e/run", "MINIPOD_ROOT", "/e/lib", "MINIPOD_LOG_ROOT", "/e/log"));
        assertThat(env.socket().toString()).isEqualTo("/e/run/minipod.sock");
        assertThat(env.root).isEqualTo("/e/lib");
        assertThat(env.logRoot).isEqualTo("/e/log");

        parse("--run-root", "/tmp/r", "get", "pods", "-n", "kube-system", "--root", "/tmp/s", "--log-root=/tmp/l");
        assertThat(main.runRoot).isEqualTo("/tmp/r");
        assertThat(main.root).isEqualTo("/tmp/s");
        assertThat(main.logRoot).isEqualTo("/tmp/l");
        assertThat(main.namespace()).isEqualTo("kube-system");
        assertThat(main.namespaceGiven()).isTrue();
        assertThat(main.socket().toString()).isEqualTo("/tmp/r/minipod.sock");
        parse("-n", "a", "get", "pods", "--namespace=b");
        assertThat(main.namespace()).isEqualTo("b");
        parse("-nfoo", "version");
        assertThat(main.namespace()).isEqualTo("foo");
    }

    @Test
    void apply() {
        ApplyCommand a = parse("apply", "-f", "pod.yaml", "--filename=-");
        assertThat(a.files).containsExactly("pod.yaml", "-");
        assertThatThrownBy(() -> parse("apply")).isInstanceOf(CliException.class).hasMessage("error: must specify one of -f and -k");
        assertThatThrownBy(() -> parse("apply", "-f")).isInstanceOf(UsageException.class)
                .hasMessage("error: flag needs an argument: 'f' in -f\nSee 'minipod apply --help' for usage.");
    }

    @Test
    void get() {
        GetCommand g = parse("get", "po", "demo", "-o", "wide");
        assertThat(g.names).containsExactly("demo");
        assertThat(g.output).isEqualTo("wide");
        GetCommand plain = parse("get", "pods");
        assertThat(plain.output).isEmpty();
        assertThat(plain.names).isEmpty();
        assertThat(((GetCommand) parse("get", "-ojson", "pod/a", "pods/b")).names).containsExactly("a", "b");
        assertThat(((GetCommand) parse("get", "pods", "--output=name")).output).isEqualTo("name");
        assertThat(((GetCommand) parse("get", "pods", "-o=yaml")).output).isEqualTo("yaml");
        assertThatThrownBy(() -> parse("get", "deploy", "x")).isInstanceOf(CliException.class)
                .hasMessage("error: the server doesn't have a resource type \"deploy\"");
        assertThatThrownBy(() -> parse("get")).isInstanceOf(CliException.class)
                .hasMessageStartingWith("error: You must specify the type of resource to get.");
        assertThatThrownBy(() -> parse("get", "pods", "-o", "table")).isInstanceOf(CliException.class)
                .hasMessageStartingWith("error: unable to match a printer suitable for the output format \"table\"");
    }

    @Test
    void logs() {
        LogsCommand l = parse("logs", "demo", "-c", "web", "-p");
        assertThat(l.name).isEqualTo("demo");
        assertThat(l.container).isEqualTo("web");
        assertThat(l.previous).isTrue();
        LogsCommand f = parse("logs", "pod/demo", "--previous", "-f");
        assertThat(f.follow).isTrue();
        assertThat(ResourceArgs.podName(f.name)).isEqualTo("demo");
        LogsCommand positional = parse("logs", "demo", "web");
        assertThat(positional.container).isEqualTo("web");
        assertThat(LogsCommand.logPath("default", "demo", "web", true))
                .isEqualTo("/api/v1/namespaces/default/pods/demo/log?container=web&previous=true");
        assertThatThrownBy(() -> parse("logs")).isInstanceOf(UsageException.class);
    }

    @Test
    void execTakesEverythingAfterDoubleDashAsTheCommand() {
        ExecCommand e = parse("exec", "demo", "-c", "app", "--", "sh", "-c", "exit 7");
        assertThat(e.pod).isEqualTo("demo");
        assertThat(e.command).containsExactly("sh", "-c", "exit 7");
        assertThat(e.container).isEqualTo("app");
        assertThat(ExecCommand.execPath("default", "demo", "app", List.of("sh", "-c", "exit 7")))
                .isEqualTo("/api/v1/namespaces/default/pods/demo/exec?container=app&command=sh&command=-c&command=exit%207");
        ExecCommand it = parse("exec", "-it", "demo", "--", "sh");
        assertThat(it.stdin).isTrue();
        assertThat(it.tty).isTrue();
        assertThatThrownBy(() -> parse("exec", "demo", "ls")).isInstanceOf(CliException.class)
                .hasMessage("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
        assertThatThrownBy(() -> parse("exec", "--", "ls")).isInstanceOf(UsageException.class);
        ExecCommand clustered = parse("exec", "-ti", "-capp", "demo", "--", "ls", "--", "-x");
        assertThat(clustered.stdin).isTrue();
        assertThat(clustered.container).isEqualTo("app");
        assertThat(clustered.command).containsExactly("ls", "--", "-x");
        assertThatThrownBy(() -> parse("exec", "a", "b", "--", "ls")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("error: expected one POD before --, got [a, b]");
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
        assertThat(((DeleteCommand) parse("delete", "pod", "x", "--grace-period", "0")).gracePeriod).isZero();
        assertThatThrownBy(() -> parse("delete", "pod", "x", "--grace-period", "soon")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("error: invalid argument \"soon\" for \"--grace-period\" flag");
        assertThatThrownBy(() -> parse("delete", "pod", "x", "--wait=maybe")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("error: invalid argument \"maybe\" for \"--wait\" flag");
        DeleteCommand last = parse("delete", "pod", "x", "--grace-period=3", "--grace-period", "4", "--force=true", "--force=false");
        assertThat(last.gracePeriod).isEqualTo(4);
        assertThat(last.force).isFalse();
    }

    @Test
    void importAndDaemon() {
        ImportCommand i = parse("import", "./busybox-oci", "busybox:1.36");
        assertThat(i.dir).isEqualTo("./busybox-oci");
        assertThat(i.name).isEqualTo("busybox:1.36");
        assertThat(ImportCommand.withTag("busybox")).isEqualTo("busybox:latest");
        assertThat(ImportCommand.withTag("localhost:5000/busybox")).isEqualTo("localhost:5000/busybox:latest");
        assertThat(ImportCommand.withTag("busybox:1.36")).isEqualTo("busybox:1.36");
        assertThatThrownBy(() -> parse("import", "dir")).isInstanceOf(UsageException.class);

        DaemonCommand d = parse("--root", "/s", "daemon", "--manifests", "/etc/minipod/manifests", "--run-root", "/r");
        assertThat(d.daemonArgs()).containsExactly("--root", "/s", "--run-root", "/r", "--log-root", "/var/log/minipod",
                "--manifests", "/etc/minipod/manifests");
    }

    @Test
    void daemonPassesTheResourceOptionsThrough() {
        DaemonCommand d = parse("daemon", "--pod-pids-limit", "100", "--cpu-manager-policy", "static", "--reserved-cpus", "0");
        assertThat(d.daemonArgs()).endsWith("--pod-pids-limit", "100", "--cpu-manager-policy", "static", "--reserved-cpus", "0");
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
    void unknownVerbsAndFlagsAreUsageErrors() {
        main = new Main(Map.of());
        Main.Invocation inv = main.parse(new String[]{"frobnicate"});
        assertThat(inv.verb).isNull();
        assertThat(inv.unknown).isEqualTo("frobnicate");
        assertThatThrownBy(() -> parse("get", "pods", "--bogus")).isInstanceOf(UsageException.class)
                .hasMessage("error: unknown flag: --bogus\nSee 'minipod get --help' for usage.");
        assertThatThrownBy(() -> parse("get", "pods", "-x")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("error: unknown shorthand flag: 'x' in -x");
        assertThatThrownBy(() -> parse("--bogus", "get", "pods")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> parse("version", "extra")).isInstanceOf(UsageException.class);
    }
}
