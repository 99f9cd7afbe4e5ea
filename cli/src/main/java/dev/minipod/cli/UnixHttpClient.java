package dev.minipod.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a unix domain socket: one request per connection
 * ({@code Connection: close}), bodies streamed, Content-Length or chunked or read-to-close.
 */
public final class UnixHttpClient {
    private final Path socket;

    public UnixHttpClient(Path socket) { this.socket = socket; }

    public Path socket() { return socket; }

    /** True when something accepts connections on the socket. */
    public boolean answers() { return probe() == null; }

    /** Null when something accepts connections on the socket, else why not. */
    public IOException probe() {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    /**
     * Sends one request. Throws {@link DaemonUnavailableException} when the socket does not accept
     * the connection; other I/O errors propagate.
     */
    public HttpResponse send(String method, String pathAndQuery, byte[] body, String contentType) throws IOException {
        SocketChannel ch = connect();
        try {
            ch.write(ByteBuffer.wrap(requestHead(method, pathAndQuery, body, contentType)));
            if (body != null) {
                ByteBuffer buf = ByteBuffer.wrap(body);
                while (buf.hasRemaining()) ch.write(buf);
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(ch), 16 * 1024);
            return readResponse(method, in, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A raw connection to the daemon, for a request that streams both ways (port-forward). */
    SocketChannel connectRaw() throws IOException {
        return connect();
    }

    private SocketChannel connect() throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw new DaemonUnavailableException(socket, e);
        }
    }

    static byte[] requestHead(String method, String pathAndQuery, byte[] body, String contentType) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\n")
                .append("User-Agent: minipod/").append(Version.VERSION).append("\r\n")
                .append("Accept: application/json, */*\r\n")
                .append("Connection: close\r\n");
        if (body != null) {
            if (contentType != null) head.append("Content-Type: ").append(contentType).append("\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static HttpResponse readResponse(String method, InputStream in, java.io.Closeable conn) throws IOException {
        while (true) {
            String statusLine = HttpLines.readLine(in);
            if (statusLine == null) throw new IOException("the daemon closed the connection without a response");
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("malformed HTTP status line `" + statusLine + "`");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("malformed HTTP status line `" + statusLine + "`");
            }
            Map<String, String> headers = new HashMap<>();
            String line;
            while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) continue;
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                String previous = headers.get(name);
                headers.put(name, previous == null ? value : previous + ", " + value);
            }
            if (status >= 100 && status < 200) continue; // 100 Continue and friends: the real response follows
            return new HttpResponse(status, headers, body(method, status, headers, in), conn);
        }
    }

    private static InputStream body(String method, int status, Map<String, String> headers, InputStream in)
            throws IOException {
        if (method.equals("HEAD") || status == 204 || status == 304) return InputStream.nullInputStream();
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) return new BodyInputStreams.Chunked(in);
        String cl = headers.get("content-length");
        if (cl != null) {
            try {
                return new BodyInputStreams.Fixed(in, Long.parseLong(cl.trim()));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length `" + cl + "`");
            }
        }
        return in; // no framing: the body runs until the server closes the connection
    }
}
