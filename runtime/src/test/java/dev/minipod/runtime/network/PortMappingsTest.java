package dev.minipod.runtime.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.spec.ManifestLoader;

class PortMappingsTest {
    @Test
    void onlyPortsWithAHostPortOfAppContainersAreMapped() {
        var pod = ManifestLoader.loadPod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  initContainers:
                  - {name: i, image: busybox, ports: [{containerPort: 1, hostPort: 1}]}
                  containers:
                  - name: a
                    image: busybox
                    ports:
                    - {containerPort: 80, hostPort: 8080}
                    - {containerPort: 53, hostPort: 5353, protocol: UDP, hostIP: 127.0.0.1}
                    - {containerPort: 9090}
                """);
        assertThat(PortMappings.of(pod.getSpec())).containsExactly(
                new PortMapping(8080, 80, "tcp", ""), new PortMapping(5353, 53, "udp", "127.0.0.1"));
    }
}
