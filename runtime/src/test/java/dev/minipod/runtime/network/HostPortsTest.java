package dev.minipod.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HostPortsTest {
    static PortMapping p(int port, String proto, String ip) {
        return new PortMapping(port, 80, proto, ip);
    }

    @Test
    void samePortProtocolAndAddressClash() {
        assertThat(HostPorts.clash(List.of(p(8080, "tcp", "")), List.of(p(8080, "tcp", "")))).isTrue();
        assertThat(HostPorts.clash(List.of(p(8080, "tcp", "127.0.0.1")), List.of(p(8080, "tcp", "0.0.0.0")))).isTrue();
        assertThat(HostPorts.clash(List.of(p(8080, "tcp", "127.0.0.1")), List.of(p(8080, "tcp", "127.0.0.1")))).isTrue();
    }

    @Test
    void anotherPortProtocolOrSpecificAddressDoesNot() {
        assertThat(HostPorts.clash(List.of(p(8080, "tcp", "")), List.of(p(8081, "tcp", "")))).isFalse();
        assertThat(HostPorts.clash(List.of(p(8080, "tcp", "")), List.of(p(8080, "udp", "")))).isFalse();
        assertThat(HostPorts.clash(List.of(p(8080, "tcp", "127.0.0.1")), List.of(p(8080, "tcp", "127.0.0.2")))).isFalse();
        assertThat(HostPorts.clash(List.of(), List.of(p(8080, "tcp", "")))).isFalse();
    }
}
