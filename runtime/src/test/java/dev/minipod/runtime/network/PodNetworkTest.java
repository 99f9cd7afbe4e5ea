package dev.minipod.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodNetworkTest {
    @TempDir
    Path dir;

    final FakePlugins plugins = new FakePlugins();
    NetworkOptions options;
    NetworkCache cache;
    PodNetwork network;

    static CniRuntime rt(String uid) {
        return new CniRuntime(uid, "/run/p/" + uid + "/ns/net", "eth0", "p-" + uid, "default", uid, List.of());
    }

    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String p : List.of("bridge", "portmap", "loopback", "tuning")) {
            Files.createFile(bin.resolve(p), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        options = new NetworkOptions(dir.resolve("net.d"), List.of(bin), "mp0", "10.86.0.0/16", Duration.ofSeconds(5));
        DefaultNetwork.ensure(options, dir.resolve("ipam"));
        cache = new NetworkCache(dir.resolve("cache"));
        network = new PodNetwork(options, new CniDriver(options.pluginDirs(), plugins, options.timeout()), cache);
    }

    @Test
    void theDefaultNetworkIsWrittenOnlyWhenTheDirHasNone() throws IOException {
        assertThat(Files.list(options.confDir()).map(p -> p.getFileName().toString()).toList()).containsExactly("10-minipod.conflist");
        Files.writeString(options.confDir().resolve("05-mine.conflist"), "{}");
        assertThat(DefaultNetwork.ensure(options, dir.resolve("ipam")).getFileName().toString()).isEqualTo("05-mine.conflist");
        assertThatThrownBy(() -> DefaultNetwork.load(options.confDir())).hasMessage(
                "error parsing configuration list `" + options.confDir().resolve("05-mine.conflist") + "`: no name");
    }

    @Test
    void delUsesTheConfigAddUsedEvenAfterTheConfigChanged() throws IOException {
        assertThat(network.setUp(rt("a"))).containsExactly("10.86.0.7");
        assertThat(network.cachedIPs("a")).containsExactly("10.86.0.7");
        Files.writeString(options.confDir().resolve("10-minipod.conflist"),
                "{\"cniVersion\":\"1.0.0\",\"name\":\"other\",\"plugins\":[{\"type\":\"tuning\"}]}");
        plugins.calls.clear();

        network.tearDown("a");
        assertThat(plugins.summary()).containsExactly("loopback DEL", "portmap DEL", "bridge DEL");
        assertThat(plugins.calls.get(2).stdin().get("name").asText()).isEqualTo("minipod");
        assertThat(plugins.calls.get(2).stdin().get("prevResult").toString()).contains("10.86.0.7/16");
        assertThat(cache.podUids()).isEmpty();
        plugins.calls.clear();
        network.tearDown("a"); // nothing cached: nothing to undo
        assertThat(plugins.calls).isEmpty();
    }

    @Test
    void aFailedAddIsUndoneByDel() {
        plugins.answers.put("portmap ADD", c -> FakePlugins.fail(1, "{\"code\":7,\"msg\":\"port 8080 in use\"}", ""));
        assertThatThrownBy(() -> network.setUp(rt("b"))).hasMessageEndingWith("failed (add): port 8080 in use");
        assertThat(plugins.summary()).containsExactly("bridge ADD", "portmap ADD", "loopback DEL", "portmap DEL", "bridge DEL");
        assertThat(plugins.calls.get(4).stdin().has("prevResult")).as("no result was cached").isFalse();
        assertThat(cache.podUids()).isEmpty();
    }

    @Test
    void aResultWithoutAddressIsRefusedAndUndone() {
        plugins.answers.put("bridge ADD", c -> FakePlugins.ok("{\"cniVersion\":\"1.0.0\",\"ips\":[]}"));
        assertThatThrownBy(() -> network.setUp(rt("c"))).hasMessage("network `minipod` gave pod p-c no IP address");
        assertThat(plugins.summary()).endsWith("bridge DEL");
        assertThat(cache.podUids()).isEmpty();
    }

    @Test
    void orphansAreTakenOffTheNetworkAndKnownPodsKept() {
        network.setUp(rt("known"));
        network.setUp(rt("orphan"));
        plugins.calls.clear();
        network.removeOrphans(Set.of("known"));
        assertThat(plugins.calls).allSatisfy(c -> assertThat(c.env().get("CNI_CONTAINERID")).isEqualTo("orphan"));
        assertThat(cache.podUids()).containsExactly("known");
    }

    @Test
    void aStaleEntryOfTheSamePodIsDeletedBeforeANewAdd() {
        network.setUp(rt("d"));
        plugins.calls.clear();
        network.setUp(rt("d"));
        assertThat(plugins.summary()).startsWith("loopback DEL", "portmap DEL", "bridge DEL", "bridge ADD");
    }
}
