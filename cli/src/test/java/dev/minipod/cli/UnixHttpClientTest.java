package dev.minipod.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnixHttpClientTest {
    @TempDir
    Path dir;

    @Test
    void readsAContentLengthBodyAndSendsTheRequestLineHeadersAndBody() throws IOException {
        try (FakeDaemon d = new FakeDaemon(dir, r -> FakeDaemon.json(201, "{\"ok\":true}"))) {
            UnixHttpClient http = new UnixHttpClient(d.socket);
            byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            try (HttpResponse resp = http.send("POST", "/api/v1/namespaces/default/pods", body, "application/json")) {
                assertThat(resp.status()).isEqualTo(201);
                assertThat(resp.header("content-type")).isEqualTo("application/json");
                assertThat(resp.bodyText()).isEqualTo("{\"ok\":true}");
            }
            FakeDaemon.Request req = d.requests.get(0);
            assertThat(req.line()).isEqualTo("POST /api/v1/namespaces/default/pods");
            assertThat(req.headers()).contains("Connection: close", "Content-Type: application/json",
                    "Content-Length: 7", "Host: localhost");
            assertThat(req.body()).isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void decodesAChunkedBody() throws IOException {
        try (FakeDaemon d = new FakeDaemon(dir, r -> FakeDaemon.chunked(200, "text/plain",
                "hello ".getBytes(StandardCharsets.UTF_8), "chunked\n".getBytes(StandardCharsets.UTF_8),
                new byte[20000]))) {
            try (HttpResponse resp = new UnixHttpClient(d.socket).send("GET", "/log", null, null)) {
                byte[] all = resp.bodyBytes();
                assertThat(all).hasSize(6 + 8 + 20000);
                assertThat(new String(all, 0, 14, StandardCharsets.UTF_8)).isEqualTo("hello chunked\n");
            }
        }
    }

    @Test
    void readsToCloseWithoutFramingAndSkipsInterimResponses() throws IOException {
        byte[] raw = ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close")
                .getBytes(StandardCharsets.US_ASCII);
        try (FakeDaemon d = new FakeDaemon(dir, r -> raw)) {
            try (HttpResponse resp = new UnixHttpClient(d.socket).send("GET", "/x", null, null)) {
                assertThat(resp.status()).isEqualTo(200);
                assertThat(resp.bodyText()).isEqualTo("until close");
            }
        }
    }

    @Test
    void aStatusObjectBecomesAnApiException() throws IOException {
        try (FakeDaemon d = new FakeDaemon(dir, r -> FakeDaemon.status(404, "NotFound", "pods \"x\" not found"))) {
            ApiClient api = new ApiClient(d.socket);
            assertThatThrownBy(() -> api.get(ApiClient.podPath("default", "x")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.code()).isEqualTo(404);
                        assertThat(e.reason()).isEqualTo("NotFound");
                        assertThat(e.getMessage()).isEqualTo("pods \"x\" not found");
                    });
            assertThat(d.requests.get(0).line()).isEqualTo("GET /api/v1/namespaces/default/pods/x");
        }
    }

    @Test
    void aTruncatedBodyIsAnError() throws IOException {
        byte[] raw = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII);
        try (FakeDaemon d = new FakeDaemon(dir, r -> raw)) {
            try (HttpResponse resp = new UnixHttpClient(d.socket).send("GET", "/x", null, null)) {
                assertThatThrownBy(resp::bodyBytes).isInstanceOf(IOException.class).hasMessageContaining("7 body bytes missing");
            }
        }
    }

    @Test
    void noListenerIsDaemonUnavailableNamingTheSocket() {
        Path socket = dir.resolve("minipod.sock");
        UnixHttpClient http = new UnixHttpClient(socket);
        assertThat(http.answers()).isFalse();
        assertThatThrownBy(() -> http.send("GET", "/api", null, null))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageContaining(socket.toString());
    }

    @Test
    void requestHeadOfABodylessPostCarriesAZeroLength() {
        String head = new String(UnixHttpClient.requestHead("POST", "/exec?command=ls", null, null), StandardCharsets.UTF_8);
        assertThat(head).startsWith("POST /exec?command=ls HTTP/1.1\r\n").contains("Content-Length: 0\r\n").endsWith("\r\n\r\n");
        String get = new String(UnixHttpClient.requestHead("GET", "/api", null, null), StandardCharsets.UTF_8);
        assertThat(get).doesNotContain("Content-Length");
    }
}
