package dev.minipod.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CniDriverTest {
    @TempDir
    Path bin;

    final FakePlugins plugins = new FakePlugins();
    CniDriver driver;

    static final CniRuntime RT = new CniRuntime("uid-1", "/run/x/ns/net", "eth0", "web", "default", "uid-1",
            List.of(new PortMapping(8080, 80, "tcp", "")));

    static NetworkList net(String version) {
        return NetworkList.parse("""
                {"cniVersion": "%s", "name": "n1", "plugins": [
                  {"type": "bridge", "bridge": "br9", "ipam": {"type": "host-local"}},
                  {"type": "portmap", "capabilities": {"portMappings": true}},
                  {"type": "loopback"}]}
                """.formatted(version), "n1.conflist");
    }

    @BeforeEach
    void plugins() throws IOException {
        for (String p : List.of("bridge", "portmap", "loopback")) {
            Files.createFile(bin.resolve(p), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        driver = new CniDriver(List.of(bin.resolve("missing"), bin), plugins, Duration.ofSeconds(5));
    }

    @Test
    void addChainsEachResultIntoTheNextPluginsPrevResult() {
        plugins.answers.put("bridge ADD", c -> FakePlugins.ok("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.86.0.5/16\"}]}"));
        CniResult r = driver.add(net("1.0.0"), RT);

        assertThat(plugins.summary()).containsExactly("bridge ADD", "portmap ADD", "loopback ADD");
        assertThat(r.ips()).containsExactly("10.86.0.5");
        assertThat(plugins.calls.get(0).stdin().has("prevResult")).isFalse();
        assertThat(plugins.calls.get(1).stdin().get("prevResult").toString()).contains("10.86.0.5/16");
        assertThat(plugins.calls.get(0).stdin().get("name").asText()).isEqualTo("n1");
        assertThat(plugins.calls.get(0).stdin().get("cniVersion").asText()).isEqualTo("1.0.0");
    }

    @Test
    void runtimeConfigGoesOnlyToPluginsDeclaringTheCapability() {
        driver.add(net("1.0.0"), RT);
        assertThat(plugins.calls.get(0).stdin().has("runtimeConfig")).isFalse();
        assertThat(plugins.calls.get(1).stdin().get("runtimeConfig").toString())
                .isEqualTo("{\"portMappings\":[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}]}");
    }

    @Test
    void theEnvironmentNamesThePodLikeTheKubelet() {
        driver.add(net("1.0.0"), RT);
        var env = plugins.calls.get(0).env();
        assertThat(env).containsEntry("CNI_COMMAND", "ADD").containsEntry("CNI_CONTAINERID", "uid-1")
                .containsEntry("CNI_NETNS", "/run/x/ns/net").containsEntry("CNI_IFNAME", "eth0")
                .containsEntry("CNI_PATH", bin.resolve("missing") + ":" + bin)
                .containsEntry("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web;"
                        + "K8S_POD_INFRA_CONTAINER_ID=uid-1;K8S_POD_UID=uid-1");
    }

    @Test
    void delRunsInReverseWithTheCachedResultAndKeepsGoingPastAFailure() {
        CniResult cached = new CniResult(NetworkList.JSON.createObjectNode().put("cniVersion", "1.0.0"));
        plugins.answers.put("portmap DEL", c -> FakePlugins.fail(1, "{\"code\":999,\"msg\":\"iptables busy\"}", ""));

        assertThatThrownBy(() -> driver.del(net("1.0.0"), RT, cached))
                .hasMessage("plugin type=\"portmap\" name=\"n1\" failed (del): iptables busy");
        assertThat(plugins.summary()).containsExactly("loopback DEL", "portmap DEL", "bridge DEL");
        assertThat(plugins.calls).allSatisfy(c -> assertThat(c.stdin().get("prevResult").toString()).isEqualTo(cached.raw().toString()));
    }

    @Test
    void delSkipsAPluginThatCannotBeFound() {
        NetworkList n = NetworkList.parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"gone\"}]}", "x");
        driver.del(n, RT, null);
        assertThat(plugins.summary()).containsExactly("bridge DEL");
    }

    @Test
    void delBefore040SendsNoPrevResult() {
        driver.del(net("0.3.1"), RT, new CniResult(NetworkList.JSON.createObjectNode()));
        assertThat(plugins.calls).allSatisfy(c -> assertThat(c.stdin().has("prevResult")).isFalse());
    }

    @Test
    void checkUsesTheCachedResultFrom040On() {
        CniResult cached = new CniResult(NetworkList.JSON.createObjectNode().put("cniVersion", "0.4.0"));
        driver.check(net("0.4.0"), RT, cached);
        assertThat(plugins.summary()).containsExactly("bridge CHECK", "portmap CHECK", "loopback CHECK");
        driver.check(net("0.3.1"), RT, cached);
        assertThat(plugins.calls).hasSize(3);
    }

    @Test
    void aPluginErrorIsReportedWithItsMessageAndDetails() {
        plugins.answers.put("bridge ADD", c -> FakePlugins.fail(1,
                "{\"cniVersion\":\"1.0.0\",\"code\":11,\"msg\":\"failed to allocate for range 0\",\"details\":\"no IP addresses available in range set: 10.86.0.1-10.86.0.2\"}", ""));
        assertThatThrownBy(() -> driver.add(net("1.0.0"), RT))
                .isInstanceOf(CniException.class)
                .hasMessage("plugin type=\"bridge\" name=\"n1\" failed (add): failed to allocate for range 0; "
                        + "no IP addresses available in range set: 10.86.0.1-10.86.0.2");
    }

    @Test
    void aPluginWithoutErrorJsonIsDescribedByItsStderr() {
        plugins.answers.put("bridge ADD", c -> FakePlugins.fail(2, "", "panic: boom\n"));
        assertThatThrownBy(() -> driver.add(net("1.0.0"), RT)).hasMessageEndingWith("failed (add): panic: boom");
        plugins.answers.put("bridge ADD", c -> FakePlugins.fail(2, "", ""));
        assertThatThrownBy(() -> driver.add(net("1.0.0"), RT)).hasMessageEndingWith("failed (add): exit status 2");
    }

    @Test
    void anUnknownPluginTypeNamesTheSearchPath() {
        NetworkList n = NetworkList.parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"flannel\"}]}", "x");
        assertThatThrownBy(() -> driver.add(n, RT))
                .hasMessage("failed to find plugin \"flannel\" in path [" + bin.resolve("missing") + " " + bin + "]");
        NetworkList escape = NetworkList.parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"../../bin/sh\"}]}", "x");
        assertThatThrownBy(() -> driver.add(escape, RT)).hasMessageStartingWith("failed to find plugin \"../../bin/sh\"");
    }
}
