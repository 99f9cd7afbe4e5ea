package dev.minipod.runtime.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.probe.ProbeResult.Outcome;

/** HTTP and TCP probes against real loopback servers in the test's own netns (netns = null). */
class HttpProbeTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private final NetnsDialer dialer = new NetnsDialer(null);
    private final List<Server> servers = new ArrayList<>();

    /** A one-thread loopback server: each connection's request head is recorded, the answer is computed from it. */
    final class Server implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        final Thread thread;

        Server(Function<String, String> answer) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        String head = readHead(s.getInputStream());
                        requests.add(head);
                        String a = answer.apply(head);
                        if (a == null) {  // never answer
                            Thread.sleep(3000);
                            continue;
                        }
                        OutputStream out = s.getOutputStream();
                        out.write(a.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException | InterruptedException e) {
                        // closed
                    }
                }
            }, "test-http-server");
            thread.setDaemon(true);
            thread.start();
            servers.add(this);
        }

        int port() { return socket.getLocalPort(); }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }

    static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            b.append((char) c);
        }
        return b.toString();
    }

    static String response(int code, String extraHeaders, String body) {
        return "HTTP/1.1 " + code + " X\r\nContent-Length: " + body.length() + "\r\n" + extraHeaders + "\r\n" + body;
    }

    @AfterEach
    void stop() throws IOException {
        for (Server s : servers) s.close();
        dialer.close();
    }

    private HttpProbe probe(int port, String path, List<HttpProbe.Header> headers) {
        return new HttpProbe(dialer, null, "HTTP", "127.0.0.1", port, path, headers);
    }

    @Test
    void statusCodes() throws IOException {
        for (int code : new int[] {200, 204, 301, 399, 404, 500}) {
            Server s = new Server(h -> response(code, "", code == 204 ? "" : "body" + code));
            ProbeResult r = probe(s.port(), "/healthz", null).run(ONE_SECOND);
            switch (code) {
                case 200 -> assertThat(r).isEqualTo(ProbeResult.success("body200"));
                case 204 -> assertThat(r).isEqualTo(ProbeResult.success(""));
                case 301, 399 -> {  // a redirect without Location is not followed: success with a warning
                    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
                    assertThat(r.isWarning()).isTrue();
                    assertThat(r.output()).isEqualTo("Probe terminated redirects, Response body: body" + code);
                }
                default -> assertThat(r).isEqualTo(ProbeResult.failure("HTTP probe failed with statuscode: " + code));
            }
        }
    }

    @Test
    void requestHeadersAreKubeletLike() throws IOException {
        Server s = new Server(h -> response(200, "", "ok"));
        probe(s.port(), "/healthz?x=1", null).run(ONE_SECOND);
        String head = s.requests.get(0);
        assertThat(head).startsWith("GET /healthz?x=1 HTTP/1.1\r\n")
                .contains("\r\nHost: 127.0.0.1:" + s.port() + "\r\n")
                .contains("\r\nUser-Agent: kube-probe/1.35\r\n")
                .contains("\r\nAccept: */*\r\n")
                .contains("\r\nConnection: close\r\n")
                .doesNotContain("Accept-Encoding");
    }

    @Test
    void specHeadersOverrideAndEmptyAcceptRemoves() throws IOException {
        Server s = new Server(h -> response(200, "", "ok"));
        probe(s.port(), "/", List.of(new HttpProbe.Header("host", "example.test"), new HttpProbe.Header("User-Agent", "me/1"),
                new HttpProbe.Header("accept", ""), new HttpProbe.Header("x-custom-header", "a"),
                new HttpProbe.Header("X-Custom-Header", "b"))).run(ONE_SECOND);
        String head = s.requests.get(0);
        assertThat(head).contains("\r\nHost: example.test\r\n").contains("\r\nUser-Agent: me/1\r\n")
                .contains("\r\nX-Custom-Header: a\r\nX-Custom-Header: b\r\n")
                .doesNotContain("Accept").doesNotContain("kube-probe");
    }

    @Test
    void sameHostRedirectIsFollowed() throws IOException {
        Server s = new Server(h -> h.startsWith("GET /old ") ? response(302, "Location: /new\r\n", "moved")
                : response(200, "", "new place"));
        assertThat(probe(s.port(), "/old", null).run(ONE_SECOND)).isEqualTo(ProbeResult.success("new place"));
        assertThat(s.requests).hasSize(2);
        assertThat(s.requests.get(1)).startsWith("GET /new HTTP/1.1");
    }

    @Test
    void offHostRedirectIsAWarning() throws IOException {
        Server s = new Server(h -> response(301, "Location: http://elsewhere.invalid/x\r\n", "go away"));
        ProbeResult r = probe(s.port(), "/", null).run(ONE_SECOND);
        assertThat(r).isEqualTo(ProbeResult.success("Probe terminated redirects, Response body: go away"));
        assertThat(s.requests).hasSize(1);
    }

    @Test
    void redirectLoopStopsAfterTen() throws IOException {
        Server s = new Server(h -> response(302, "Location: /loop\r\n", ""));
        ProbeResult r = probe(s.port(), "/", null).run(ONE_SECOND);
        assertThat(r).isEqualTo(ProbeResult.failure("Get \"http://127.0.0.1:" + s.port() + "/loop\": stopped after 10 redirects"));
        assertThat(s.requests).hasSize(10);
    }

    @Test
    void bodyIsCappedAt10KiB() throws IOException {
        String big = "x".repeat(50_000);
        Server s = new Server(h -> response(200, "", big));
        assertThat(probe(s.port(), "/", null).run(ONE_SECOND).output()).hasSize(10 * 1024);
        Server chunked = new Server(h -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        assertThat(probe(chunked.port(), "/", null).run(ONE_SECOND)).isEqualTo(ProbeResult.success("hello world"));
    }

    @Test
    void timeoutWhenTheServerNeverAnswers() throws IOException {
        Server s = new Server(h -> null);
        long t0 = System.nanoTime();
        ProbeResult r = probe(s.port(), "/healthz", null).run(Duration.ofMillis(300));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r).isEqualTo(ProbeResult.failure("Get \"http://127.0.0.1:" + s.port()
                + "/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"));
        assertThat(ms).isBetween(250L, 1500L);
    }

    @Test
    void connectionRefusedReadsLikeTheKubelet() throws IOException {
        int port = freePort();
        assertThat(probe(port, "/healthz", null).run(ONE_SECOND)).isEqualTo(ProbeResult.failure(
                "Get \"http://127.0.0.1:" + port + "/healthz\": dial tcp 127.0.0.1:" + port + ": connect: connection refused"));
        assertThat(new TcpProbe(dialer, null, "127.0.0.1", port).run(ONE_SECOND)).isEqualTo(ProbeResult.failure(
                "dial tcp 127.0.0.1:" + port + ": connect: connection refused"));
    }

    @Test
    void emptyReplyAndGarbage() throws IOException {
        Server empty = new Server(h -> "");
        assertThat(probe(empty.port(), "/", null).run(ONE_SECOND).output()).isEqualTo("Get \"http://127.0.0.1:" + empty.port() + "/\": EOF");
        Server garbage = new Server(h -> "hello\r\n\r\n");
        assertThat(probe(garbage.port(), "/", null).run(ONE_SECOND).output()).isEqualTo("Get \"http://127.0.0.1:" + garbage.port()
                + "/\": net/http: HTTP/1.x transport connection broken: malformed HTTP response \"hello\"");
    }

    @Test
    void httpsIsNotSupportedYet() {
        ProbeResult r = new HttpProbe(dialer, null, "HTTPS", null, 443, "/", null).run(ONE_SECOND);
        assertThat(r).isEqualTo(ProbeResult.unknown("HTTPS probes are not supported yet"));
    }

    @Test
    void tcpSuccess() throws IOException {
        Server s = new Server(h -> "");
        assertThat(new TcpProbe(dialer, null, "127.0.0.1", s.port()).run(ONE_SECOND)).isEqualTo(ProbeResult.success(""));
    }

    @Test
    void canonicalHeaderNames() {
        assertThat(HttpProbe.canonical("x-custom-header")).isEqualTo("X-Custom-Header");
        assertThat(HttpProbe.canonical("USER-AGENT")).isEqualTo("User-Agent");
        assertThat(HttpProbe.canonical("bad header")).isEqualTo("bad header");
        assertThat(GoText.quote("sh -c \"x\"\n")).isEqualTo("\"sh -c \\\"x\\\"\\n\"");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
