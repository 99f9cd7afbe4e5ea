package dev.minipod.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A tiny HTTP/1.1 server on a real unix socket: records requests, answers with raw bytes from a handler. */
final class FakeDaemon implements AutoCloseable {
    record Request(String method, String target, String headers, String body) {
        String line() { return method + " " + target; }
    }

    final Path socket;
    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final ServerSocketChannel server;
    private final Thread thread;
    private volatile Function<Request, byte[]> handler;

    FakeDaemon(Path dir, Function<Request, byte[]> handler) throws IOException {
        this.socket = dir.resolve("minipod.sock");
        this.handler = handler;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = new Thread(this::serve, "fake-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    void handler(Function<Request, byte[]> h) { this.handler = h; }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                InputStream in = Channels.newInputStream(ch);
                Request req = read(in);
                if (req == null) continue;
                requests.add(req);
                ByteBuffer buf = ByteBuffer.wrap(handler.apply(req));
                while (buf.hasRemaining()) ch.write(buf);
            } catch (IOException e) {
                if (!server.isOpen()) return;
            }
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = HttpLines.readLine(in);
        if (requestLine == null) return null;
        StringBuilder headers = new StringBuilder();
        int length = 0;
        String line;
        while ((line = HttpLines.readLine(in)) != null && !line.isEmpty()) {
            headers.append(line).append('\n');
            if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        String[] parts = requestLine.split(" ");
        return new Request(parts[0], parts[1], headers.toString(), body);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }

    // ---- canned responses ----

    static byte[] json(int status, String body) {
        return response(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] response(int status, String contentType, byte[] body) {
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    static byte[] chunked(int status, String contentType, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            out.writeBytes((Integer.toHexString(c.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(c);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static byte[] status(int code, String reason, String message) {
        return json(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"" + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason
                + "\",\"details\":{\"name\":\"x\",\"kind\":\"pods\"},\"code\":" + code + "}");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
