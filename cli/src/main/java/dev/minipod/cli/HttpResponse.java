package dev.minipod.cli;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP/1.1 response whose body is streamed from the socket; closing it closes the connection. */
public final class HttpResponse implements Closeable {
    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final Closeable connection;

    HttpResponse(int status, Map<String, String> headers, InputStream body, Closeable connection) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.connection = connection;
    }

    public int status() { return status; }

    public boolean ok() { return status >= 200 && status < 300; }

    /** Header value by lower-case name, or null. */
    public String header(String lowerCaseName) { return headers.get(lowerCaseName); }

    public InputStream body() { return body; }

    public byte[] bodyBytes() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        body.transferTo(buf);
        return buf.toByteArray();
    }

    public String bodyText() throws IOException { return new String(bodyBytes(), StandardCharsets.UTF_8); }

    @Override
    public void close() throws IOException { connection.close(); }
}
