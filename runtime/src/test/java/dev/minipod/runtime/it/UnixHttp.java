package dev.minipod.runtime.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A minimal HTTP/1.1 client over the daemon's unix socket, for tests that run the daemon out of process. */
final class UnixHttp {
    record Response(int code, String body) {}

    private UnixHttp() {}

    static Response call(Path socket, String method, String path, String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            ch.write(ByteBuffer.wrap(payload));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                all.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split);
            String rest = text.substring(split + 4);
            int code = Integer.parseInt(headers.substring(9, 12));
            return new Response(code, headers.toLowerCase().contains("transfer-encoding: chunked") ? dechunk(rest) : rest);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int nl = s.indexOf("\r\n", i);
            int len = Integer.parseInt(s.substring(i, nl).trim(), 16);
            if (len == 0) {
                return out.toString();
            }
            out.append(s, nl + 2, nl + 2 + len);
            i = nl + 2 + len + 2;
        }
    }
}
