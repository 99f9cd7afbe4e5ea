package dev.minipod.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class NetworkListTest {

    @Test
    void theDefaultNetworkParses() {
        NetworkList n = NetworkList.parse(DefaultNetwork.conflist("minipod0", "10.86.0.0/16", Path.of("/var/lib/minipod/network/ipam")), "d");
        assertThat(n.name()).isEqualTo("minipod");
        assertThat(n.cniVersion()).isEqualTo("1.0.0");
        assertThat(n.plugins()).extracting(NetworkList.Plugin::type).containsExactly("bridge", "portmap", "loopback");
        assertThat(n.plugins().get(1).capabilities()).containsExactly("portMappings");
        assertThat(n.plugins().get(0).conf().get("ipam").toString())
                .contains("\"subnet\":\"10.86.0.0/16\"").contains("\"dataDir\":\"/var/lib/minipod/network/ipam\"");
        assertThat(n.plugins().get(0).conf().get("isGateway").asBoolean()).isTrue();
        assertThat(n.plugins().get(0).conf().get("ipMasq").asBoolean()).isTrue();
    }

    @Test
    void badListsAreRefusedNamingTheFile() {
        assertThatThrownBy(() -> NetworkList.parse("{\"name\": ", "/etc/x.conflist"))
                .isInstanceOf(CniException.class).hasMessageStartingWith("error parsing configuration list `/etc/x.conflist`: ");
        assertThatThrownBy(() -> NetworkList.parse("[]", "f")).hasMessage("error parsing configuration list `f`: not a JSON object");
        assertThatThrownBy(() -> NetworkList.parse("{\"cniVersion\":\"1.0.0\",\"plugins\":[{\"type\":\"bridge\"}]}", "f"))
                .hasMessage("error parsing configuration list `f`: no name");
        assertThatThrownBy(() -> NetworkList.parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\"}", "f"))
                .hasMessage("error parsing configuration list `f`: no plugins in list");
        assertThatThrownBy(() -> NetworkList.parse("{\"cniVersion\":\"2.0.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"b\"}]}", "f"))
                .hasMessage("configuration list `f`: unsupported cniVersion `2.0.0` (supported: 0.3.0, 0.3.1, 0.4.0, 1.0.0)");
        assertThatThrownBy(() -> NetworkList.parse("{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"plugins\":[{\"bridge\":\"b\"}]}", "f"))
                .hasMessage("configuration list `f`: plugins[0] has no type");
    }

    @Test
    void resultsGiveTheAddressesWithoutPrefixLength() {
        CniResult r = CniResult.parse(("{\"cniVersion\":\"0.4.0\",\"ips\":[{\"version\":\"4\",\"address\":\"10.86.0.9/16\"},"
                + "{\"version\":\"6\",\"address\":\"fd00::9/64\"}]}").getBytes(), "bridge");
        assertThat(r.ips()).containsExactly("10.86.0.9", "fd00::9");
        assertThatThrownBy(() -> CniResult.parse("oops".getBytes(), "bridge")).hasMessageStartingWith("plugin type=\"bridge\" returned an unreadable result");
    }
}
