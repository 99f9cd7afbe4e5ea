package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

/** Pods on the node's CNI network: their IP, /etc/hosts, pod-to-pod, host-to-pod and hostPort traffic. */
@Tag("root")
class NetworkIT {
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

    private static final String WEB = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              hostname: www
              subdomain: front
              containers:
              - name: web
                image: busybox-web
                env:
                - name: POD_IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                - name: POD_IPS
                  valueFrom: {fieldRef: {fieldPath: status.podIPs}}
                - name: HOST_IP
                  valueFrom: {fieldRef: {fieldPath: status.hostIP}}
            """;

    @Test
    void aPodGetsAnAddressItsContainersSeeAndOthersReach() {
        node.create(WEB);
        Pod web = node.await("web", TestNode.allRunning());
        String ip = web.getStatus().getPodIP();
        assertThat(ip).startsWith(node.network().prefix());
        assertThat(web.getStatus().getPodIPs()).extracting(p -> p.getIp()).containsExactly(ip);
        assertThat(web.getStatus().getHostIP()).isNotBlank();

        assertThat(node.exec("web", "web", "cat", "/etc/hosts").stdout())
                .contains(ip + "\twww.front.default.svc.cluster.local\twww\n");
        assertThat(node.exec("web", "web", "sh", "-c", "echo $POD_IP $POD_IPS $HOST_IP").stdout())
                .isEqualTo(ip + " " + ip + " " + web.getStatus().getHostIP() + "\n");
        TestNode.ExecResult addr = node.exec("web", "web", "ip", "addr", "show", "eth0");
        assertThat(addr.stdout()).as(addr.stderr()).contains("inet " + ip + "/24");

        // host -> pod
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> httpGet(ip, 8080).contains("hello from busybox-web"));
        // pod -> pod
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: client}
                spec:
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """);
        Pod client = node.await("client", TestNode.allRunning());
        assertThat(client.getStatus().getPodIP()).startsWith(node.network().prefix()).isNotEqualTo(ip);
        // busybox-static's wget crashes in glibc's static getaddrinfo here: speak HTTP through nc
        TestNode.ExecResult r = node.exec("client", "c", "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 10 " + ip + " 8080");
        assertThat(r.stdout()).as(r.stderr()).contains("hello from busybox-web");
    }

    @Test
    void aHostPortReachesThePodFromLoopback() throws IOException {
        int port = freePort();
        node.create(WEB.replace("image: busybox-web", "image: busybox-web\n    ports:\n    - {containerPort: 8080, hostPort: " + port + "}"));
        node.await("web", TestNode.allRunning());
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> httpGet("127.0.0.1", port).contains("hello from busybox-web"));
    }

    @Test
    void aSecondPodWantingTheSameHostPortStaysPendingUntilTheFirstGoes() throws IOException {
        int port = freePort();
        String ports = "image: busybox-web\n    ports:\n    - {containerPort: 8080, hostPort: " + port + "}";
        node.create(WEB.replace("image: busybox-web", ports));
        node.await("web", TestNode.allRunning());
        Pod second = node.create(WEB.replace("name: web}", "name: web2}").replace("image: busybox-web", ports));
        assertThat(second.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(second.getSpec().getNodeName()).isNull();
        assertThat(second.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("PodScheduled");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("Unschedulable");
            assertThat(c.getMessage()).startsWith("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.");
        });
        assertThat(node.pods().events(TestNode.NS, java.util.Map.of("involvedObject.name", "web2")).getItems())
                .extracting(e -> e.getReason()).containsExactly("FailedScheduling");
        assertThat(node.pods().list(TestNode.NS).getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("web", "web2");

        node.delete("web", 0);
        Pod web2 = node.await("web2", TestNode.allRunning());
        assertThat(web2.getSpec().getNodeName()).isEqualTo("testnode");
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> httpGet("127.0.0.1", port).contains("hello from busybox-web"));
    }

    @Test
    void hostNetworkPodsShareTheHostsInterfacesAddressAndName() throws IOException {
        int port = freePort();
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: hostnet}
                spec:
                  hostNetwork: true
                  containers:
                  - name: web
                    image: busybox-web
                    env:
                    - {name: PORT, value: "%d"}
                    - name: POD_IP
                      valueFrom: {fieldRef: {fieldPath: status.podIP}}
                    ports:
                    - {containerPort: %d}
                """.formatted(port, port));
        Pod p = node.await("hostnet", TestNode.allRunning());
        assertThat(p.getStatus().getPodIP()).isEqualTo(p.getStatus().getHostIP());
        String hostname = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
        assertThat(node.exec("hostnet", "web", "hostname").stdout()).isEqualTo(hostname + "\n");
        assertThat(node.exec("hostnet", "web", "sh", "-c", "echo $POD_IP").stdout()).isEqualTo(p.getStatus().getHostIP() + "\n");
        assertThat(node.exec("hostnet", "web", "cat", "/etc/hosts").stdout()).startsWith("# Kubernetes-managed hosts file (host network).\n");
        assertThat(node.exec("hostnet", "web", "readlink", "/proc/1/ns/net").stdout().trim())
                .isEqualTo(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/net")).toString());
        // the server listens in the host's own namespace: plain loopback reaches it, no port mapping
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> httpGet("127.0.0.1", port).contains("hello from busybox-web"));
    }

    @Test
    void resolvConfFollowsDnsPolicyAndDnsConfig() {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: dns}
                spec:
                  dnsPolicy: None
                  dnsConfig:
                    nameservers: [192.0.2.53, 192.0.2.54]
                    searches: [svc.example, example]
                    options:
                    - {name: ndots, value: "2"}
                    - {name: edns0}
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """);
        node.await("dns", TestNode.allRunning());
        assertThat(node.exec("dns", "c", "cat", "/etc/resolv.conf").stdout())
                .isEqualTo("search svc.example example\nnameserver 192.0.2.53\nnameserver 192.0.2.54\noptions ndots:2 edns0\n");

        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: cf}
                spec:
                  containers:
                  - {name: c, image: busybox, command: [sleep, "3600"]}
                """);
        node.await("cf", TestNode.allRunning());
        assertThat(node.pods().events(TestNode.NS, java.util.Map.of("involvedObject.name", "cf")).getItems())
                .filteredOn(e -> "MissingClusterDNS".equals(e.getReason())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).endsWith("Falling back to \"Default\" policy."));
    }

    @Test
    void portForwardReachesAPortOnlyThePodsLoopbackServes() throws Exception {
        node.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: local}
                spec:
                  containers:
                  - name: web
                    image: busybox
                    command: [httpd, -f, -p, "127.0.0.1:8080", -h, /etc]
                """);
        node.await("local", TestNode.allRunning());
        Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (java.nio.channels.SocketChannel ch = node.pods().portForward(TestNode.NS, "local", 8080)) {
                ch.write(java.nio.ByteBuffer.wrap("GET /hostname HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                String answer = new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
                return answer.contains("200 OK") && answer.endsWith("local\n");
            }
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String httpGet(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
