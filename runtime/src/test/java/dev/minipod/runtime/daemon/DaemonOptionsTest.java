package dev.minipod.runtime.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.state.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {
    static final String PROP = "minipod.libexec";
    String saved;

    @BeforeEach
    void clearProperty() {
        saved = System.getProperty(PROP);
        System.clearProperty(PROP);
    }

    @AfterEach
    void restoreProperty() {
        if (saved == null) {
            System.clearProperty(PROP);
        } else {
            System.setProperty(PROP, saved);
        }
    }

    static DaemonOptions parse(String... args) {
        return DaemonOptions.parse(args);
    }

    static void assertInvalid(String message, String... args) {
        assertThatThrownBy(() -> DaemonOptions.parse(args))
                .isInstanceOfSatisfying(MinipodException.class, e -> {
                    assertThat(e.reason()).isEqualTo("Invalid");
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void defaultsWithOnlyLibexec() {
        DaemonOptions o = parse("--libexec", "/opt/minipod/libexec", "--node-name", "n1");
        assertThat(o.layout()).isEqualTo(Layout.defaults());
        assertThat(o.layout().root()).isEqualTo(Path.of("/var/lib/minipod"));
        assertThat(o.layout().runRoot()).isEqualTo(Path.of("/run/minipod"));
        assertThat(o.layout().logRoot()).isEqualTo(Path.of("/var/log/minipod"));
        assertThat(o.libexec()).isEqualTo(Path.of("/opt/minipod/libexec"));
        assertThat(o.backoffInitial()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.backoffCap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.nodeName()).isEqualTo("n1");
    }

    @Test
    void everyFlag() {
        DaemonOptions o = parse(
                "--root", "/tmp/t/lib",
                "--run-root", "/tmp/t/run",
                "--log-root", "/tmp/t/log",
                "--libexec", "/tmp/t/libexec",
                "--backoff-initial", "500ms",
                "--backoff-cap", "10s",
                "--node-name", "test-node",
                "--cgroup-parent", "mp-test",
                "--cni-conf-dir", "/tmp/t/cni",
                "--cni-bin-dir", "/opt/cni",
                "--pod-bridge", "mpbr0",
                "--pod-subnet", "10.99.0.0/24",
                "--cni-timeout", "5s");
        assertThat(o).isEqualTo(new DaemonOptions(
                new Layout(Path.of("/tmp/t/lib"), Path.of("/tmp/t/run"), Path.of("/tmp/t/log")),
                Path.of("/tmp/t/libexec"), Duration.ofMillis(500), Duration.ofSeconds(10), "test-node", "mp-test")
                .withNetwork(new dev.minipod.runtime.network.NetworkOptions(Path.of("/tmp/t/cni"), List.of(Path.of("/opt/cni")), "mpbr0",
                        "10.99.0.0/24", Duration.ofSeconds(5))));
    }

    @Test
    void resourceFlags() {
        DaemonOptions o = parse("--libexec", "/l", "--node-name", "n", "--pod-pids-limit", "1024",
                "--cpu-manager-policy", "static", "--reserved-cpus", "0-1");
        assertThat(o.podPidsLimit()).isEqualTo(1024);
        assertThat(o.cpuManagerPolicy()).isEqualTo("static");
        assertThat(o.reservedCpus()).isEqualTo("0-1");
        DaemonOptions d = parse("--libexec", "/l", "--node-name", "n");
        assertThat(d.podPidsLimit()).isEqualTo(-1);
        assertThat(d.cpuManagerPolicy()).isEqualTo("none");
        assertInvalid("daemon: option `--pod-pids-limit`: invalid value `0` (a positive number, or -1 for none)",
                "--libexec", "/l", "--pod-pids-limit", "0");
        assertInvalid("daemon: option `--cpu-manager-policy`: unsupported value `dynamic` (none, static)",
                "--libexec", "/l", "--cpu-manager-policy", "dynamic");
    }

    @Test
    void badNetworkOptionsAreRefused() {
        assertThatThrownBy(() -> parse("--libexec", "/a", "--pod-subnet", "10.86.0.0/31"))
                .hasMessage("daemon: option `--pod-subnet`: invalid IPv4 subnet `10.86.0.0/31` (e.g. 10.86.0.0/16, prefix 8 to 30)");
        assertThatThrownBy(() -> parse("--libexec", "/a", "--pod-bridge", "a-bridge-name-too-long"))
                .hasMessage("daemon: option `--pod-bridge`: invalid interface name `a-bridge-name-too-long` (at most 15 of a-z A-Z 0-9 _ . -)");
    }

    @Test
    void laterFlagWins() {
        DaemonOptions o = parse("--libexec", "/a", "--libexec", "/b", "--node-name", "x", "--node-name", "y");
        assertThat(o.libexec()).isEqualTo(Path.of("/b"));
        assertThat(o.nodeName()).isEqualTo("y");
    }

    @Test
    void durationsInMillisecondsSecondsAndMinutes() {
        assertThat(parse("--libexec", "/l", "--node-name", "n", "--backoff-initial", "500ms").backoffInitial())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(parse("--libexec", "/l", "--node-name", "n", "--backoff-initial", "10s").backoffInitial())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(parse("--libexec", "/l", "--node-name", "n", "--backoff-cap", "5m").backoffCap())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(parse("--libexec", "/l", "--node-name", "n", "--backoff-initial", "1.5s").backoffInitial())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(parse("--libexec", "/l", "--node-name", "n", "--backoff-initial", "0ms").backoffInitial())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void badDurationsAreInvalidAndNameTheFlag() {
        for (String bad : new String[] {"10", "10h", "abc", "s", "ms", "m", "1.5m", ""}) {
            assertInvalid("daemon: option `--backoff-initial`: invalid duration `" + bad + "` (use 10s, 500ms, 5m)",
                    "--libexec", "/l", "--node-name", "n", "--backoff-initial", bad);
        }
        assertInvalid("daemon: option `--backoff-cap`: invalid duration `1x` (use 10s, 500ms, 5m)",
                "--libexec", "/l", "--node-name", "n", "--backoff-cap", "1x");
    }

    @Test
    void negativeOrNonFiniteDurationsAreInvalid() {
        for (String bad : new String[] {"-5s", "-100ms", "-1m", "NaNs", "Infinitys", "5 s"}) {
            assertThatThrownBy(() -> parse("--libexec", "/l", "--node-name", "n", "--backoff-initial", bad))
                    .as(bad).isInstanceOf(MinipodException.class);
        }
    }

    @Test
    void unknownFlagIsInvalid() {
        assertInvalid("daemon: unknown option `--verbose`", "--libexec", "/l", "--verbose");
        assertInvalid("daemon: unknown option `--root=/x`", "--libexec", "/l", "--root=/x");
        assertInvalid("daemon: unknown option `extra`", "extra");
    }

    @Test
    void flagWithoutValueIsInvalid() {
        for (String flag : new String[] {"--root", "--run-root", "--log-root", "--libexec", "--backoff-initial",
                "--backoff-cap", "--node-name"}) {
            assertInvalid("daemon: option `" + flag + "` needs a value", "--libexec", "/l", flag);
        }
    }

    @Test
    void missingLibexecWithoutThePropertyIsInvalid() {
        assertInvalid("daemon: --libexec (or -Dminipod.libexec) must name the native helpers' directory",
                "--node-name", "n");
        assertInvalid("daemon: --libexec (or -Dminipod.libexec) must name the native helpers' directory");
    }

    @Test
    void libexecFromTheSystemPropertyAndTheFlagOverridesIt() {
        System.setProperty(PROP, "/from/property");
        assertThat(parse("--node-name", "n").libexec()).isEqualTo(Path.of("/from/property"));
        assertThat(parse("--node-name", "n", "--libexec", "/from/flag").libexec()).isEqualTo(Path.of("/from/flag"));
    }

    @Test
    void nodeNameDefaultsToSomeHostname() {
        assertThat(parse("--libexec", "/l").nodeName()).isNotBlank();
    }

    @Test
    void securityOptions() {
        DaemonOptions o = parse("--libexec", "/l", "--root", "/r", "--allowed-unsafe-sysctls", "kernel.msg*, net.core.somaxconn");
        assertThat(o.security()).isEqualTo(new DaemonOptions.Security(Path.of("/r/seccomp"), java.util.List.of("kernel.msg*", "net.core.somaxconn"), false));
        assertThat(parse("--seccomp-default", "--libexec", "/l").security().seccompDefault()).isTrue();
        assertThat(parse("--libexec", "/l", "--seccomp-profile-root", "/p").security().seccompProfileRoot()).isEqualTo(Path.of("/p"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("--libexec", "/l", "--allowed-unsafe-sysctls", "kernel.panic"))
                .hasMessage("daemon: option `--allowed-unsafe-sysctls`: `kernel.panic` is not a namespaced sysctl");
    }
}
