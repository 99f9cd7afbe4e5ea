package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The pod network going wrong: a bad config, an unknown or failing or hanging plugin, an exhausted
 * subnet. Each leaves the pod waiting in ContainerCreating with the cause in a FailedCreatePodSandBox
 * event and nothing half-configured; churn reuses addresses and leaks nothing.
 */
@Tag("root")
class NetworkFailureIT {
    private TestNode node;

    @BeforeEach
    void start() throws IOException {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: NAME}
            spec:
              containers:
              - {name: c, image: busybox, command: [sleep, "3600"]}
            """;

    private Pod create(String name) {
        return node.create(POD.replace("NAME", name));
    }

    /** The pod waits in ContainerCreating with a sandbox event whose message contains {@code cause}. */
    private void assertWaitsWith(String name, String cause) {
        assertWaitsWith(name, cause, true);
    }

    /** @param aloneOnTheNetwork no other pod runs: nothing at all may be left on the network */
    private void assertWaitsWith(String name, String cause, boolean aloneOnTheNetwork) {
        Pod p = node.await(name, x -> x.getStatus().getContainerStatuses() != null
                && x.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                && String.valueOf(x.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage()).contains(cause));
        assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(p.getStatus().getPodIP()).isNull();
        assertThat(TestNode.status(p, "c").getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(node.pods().events(TestNode.NS, java.util.Map.of("involvedObject.name", name)).getItems())
                .filteredOn(e -> "FailedCreatePodSandBox".equals(e.getReason()))
                .extracting(Event::getMessage).anySatisfy(m -> assertThat(m).startsWith("Failed to create pod sandbox: ").contains(cause));
        assertThat(node.dir().resolve("run/network/cache/" + p.getMetadata().getUid() + ".json")).doesNotExist();
        if (aloneOnTheNetwork) {
            node.network().assertClean();
        }
    }

    private void writeConflist(String json) throws IOException {
        Files.writeString(node.network().conflist(), json);
    }

    private String defaultConflist() throws IOException {
        return Files.readString(node.network().conflist());
    }

    private Path fakePlugin(String name, String script) throws IOException {
        Files.createDirectories(node.network().pluginDir());
        Path p = node.network().pluginDir().resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void aConfigThatDoesNotParseOrNamesAnUnknownPluginKeepsThePodWaiting() throws IOException {
        String good = defaultConflist();
        writeConflist("{\"cniVersion\": \"1.0.0\", \"name\": ");
        create("broken");
        assertWaitsWith("broken", "error parsing configuration list `" + node.network().conflist() + "`");

        writeConflist(good.replace("\"type\": \"portmap\"", "\"type\": \"nosuchplugin\""));
        create("unknown");
        assertWaitsWith("unknown", "failed to find plugin \"nosuchplugin\" in path [");

        writeConflist(good);
        node.await("broken", TestNode.allRunning(), Duration.ofSeconds(40));
    }

    @Test
    void aPluginErrorIsReportedAndWhatEarlierPluginsDidIsUndone() throws IOException {
        fakePlugin("failing", "[ \"$CNI_COMMAND\" = ADD ] || exit 0\n"
                + "echo '{\"cniVersion\":\"1.0.0\",\"code\":100,\"msg\":\"the failing plugin says no\",\"details\":\"by design\"}'\nexit 1");
        writeConflist(defaultConflist().replace("{\"type\": \"loopback\"}", "{\"type\": \"failing\"}"));
        create("refused");
        // bridge and portmap ran ADD before: their DEL ran (no veth, no rule, no address left)
        assertWaitsWith("refused", "plugin type=\"failing\" name=\"minipod\" failed (add): the failing plugin says no; by design");
    }

    @Test
    void aHangingPluginIsKilledAtTheTimeout() throws IOException {
        Path pidFile = node.dir().resolve("hang.pid");
        fakePlugin("hang", "[ \"$CNI_COMMAND\" = ADD ] || exit 0\necho $$ > " + pidFile + "\nexec sleep 600");
        writeConflist(defaultConflist().replace("{\"type\": \"loopback\"}", "{\"type\": \"hang\"}"));
        create("stuck");
        assertWaitsWith("stuck", "did not finish within 10s and was killed");
        int pid = Integer.parseInt(Files.readString(pidFile).trim());
        assertThat(Path.of("/proc/" + pid)).doesNotExist();
    }

    @Test
    void anExhaustedSubnetLeavesTheSecondPodWaitingUntilTheFirstGoes() throws IOException {
        String prefix = node.network().prefix();
        writeConflist(defaultConflist().replace("\"subnet\": \"" + node.network().subnet() + "\"",
                "\"subnet\": \"" + node.network().subnet() + "\", \"rangeStart\": \"" + prefix + "10\", \"rangeEnd\": \"" + prefix + "10\""));
        create("first");
        assertThat(node.await("first", TestNode.allRunning()).getStatus().getPodIP()).isEqualTo(prefix + "10");
        create("second");
        assertWaitsWith("second", "no IP addresses available in range set", false);
        node.delete("first", 0);
        assertThat(node.await("second", TestNode.allRunning(), Duration.ofSeconds(40)).getStatus().getPodIP()).isEqualTo(prefix + "10");
    }

    @Test
    void churnReusesAddressesAndLeavesNothing() throws IOException {
        String prefix = node.network().prefix();
        writeConflist(defaultConflist().replace("\"subnet\": \"" + node.network().subnet() + "\"",
                "\"subnet\": \"" + node.network().subnet() + "\", \"rangeStart\": \"" + prefix + "20\", \"rangeEnd\": \"" + prefix + "23\""));
        int cycles = Integer.getInteger("minipod.churn", 30);
        Set<String> ips = new HashSet<>();
        for (int i = 0; i < cycles; i++) {
            node.create(POD.replace("NAME", "churn").replace("command:", "ports: [{containerPort: 80, hostPort: 18080}], command:"));
            ips.add(node.await("churn", TestNode.allRunning()).getStatus().getPodIP());
            node.delete("churn", 0);
        }
        assertThat(ips).hasSizeLessThanOrEqualTo(4).allSatisfy(ip -> assertThat(ip).startsWith(prefix + "2"));
        node.network().assertClean();
    }
}
