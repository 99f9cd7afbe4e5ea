package dev.minipod.runtime.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * httpGet: one HTTP/1.1 GET per connection ({@code Connection: close}) over a SocketChannel that
 * {@link NetnsDialer} created in the pod's netns. Kubelet semantics: success iff 200 ≤ code < 400,
 * same-host redirects followed (at most 10 redirect responses), an unfollowed redirect is a
 * warning, the body is read up to 10 KiB, one timeout covers connect, redirects and reads, and
 * failures read like Go's net/http errors. Plain HTTP only for now.
 */
public final class HttpProbe implements Prober {
    /** One httpHeaders entry; names repeat for multi-valued headers. */
    public record Header(String name, String value) {}

    public static final String USER_AGENT = "kube-probe/1.35";
    static final int MAX_BODY = 10 * 1024;
    static final int MAX_REDIRECTS = 10;
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final NetnsDialer dialer;
    private final Path netns;
    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final List<Header> headers;

    /**
     * @param netns   the pod's pinned netns file, or null for this process's own netns
     * @param scheme  "HTTP" (default when null/empty) or "HTTPS" (not supported yet: UNKNOWN)
     * @param host    an IP literal or name; null/empty: 127.0.0.1
     * @param path    as in the spec, may carry a query; null/empty: "/"
     * @param headers httpHeaders in spec order, null for none
     */
    public HttpProbe(NetnsDialer dialer, Path netns, String scheme, String host, int port, String path, List<Header> headers) {
        this.dialer = dialer;
        this.netns = netns;
        this.scheme = scheme == null || scheme.isEmpty() ? "HTTP" : scheme;
        this.host = host == null || host.isEmpty() ? "127.0.0.1" : host;
        this.port = port;
        this.path = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
        this.headers = headers == null ? List.of() : List.copyOf(headers);
    }

    @Override
    public ProbeResult run(Duration timeout) {
        if (!scheme.equalsIgnoreCase("HTTP")) {
            return ProbeResult.unknown(scheme.equalsIgnoreCase("HTTPS")
                    ? "HTTPS probes are not supported yet"
                    : "unsupported scheme " + GoText.quote(scheme));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Target first = new Target(host, port, path);
        Target t = first;
        String hostHeader = headerValue("Host");
        int redirects = 0;
        while (true) {
            Response r;
            try {
                r = exchange(t, hostHeader == null ? t.hostPort() : hostHeader, deadline);
            } catch (Failed f) {
                return f.result;
            }
            if (!r.isRedirect() || r.location == null) {
                return classify(r);
            }
            Target next;
            try {
                next = t.resolve(r.location);
            } catch (URISyntaxException e) {
                return ProbeResult.failure("Get " + GoText.quote(t.url()) + ": failed to parse Location header "
                        + GoText.quote(r.location) + ": " + e.getReason());
            }
            if (!next.host.equalsIgnoreCase(first.host)) {
                return classify(r);  // off-host: the kubelet keeps the redirect response (a warning)
            }
            if (++redirects >= MAX_REDIRECTS) {
                return ProbeResult.failure("Get " + GoText.quote(next.url()) + ": stopped after 10 redirects");
            }
            if (next.https) {
                return ProbeResult.unknown("HTTPS probes are not supported yet (redirected to " + next.url() + ")");
            }
            // Go keeps a custom Host header only across relative redirects.
            if (hostHeader != null && isAbsolute(r.location)) {
                hostHeader = null;
            }
            t = next;
        }
    }

    private static ProbeResult classify(Response r) {
        if (r.code >= 200 && r.code < 400) {
            return r.code >= 300 ? ProbeResult.warning(r.body) : ProbeResult.success(r.body);
        }
        return ProbeResult.failure("HTTP probe failed with statuscode: " + r.code);
    }

    private String headerValue(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name) && h.value() != null && !h.value().isEmpty()) {
                return h.value();
            }
        }
        return null;
    }

    private boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
    }

    /** The request bytes: request line, Host, User-Agent, then the spec's headers, Accept, Connection. */
    byte[] request(Target t, String hostHeader) {
        StringBuilder b = new StringBuilder(256);
        b.append("GET ").append(t.requestUri).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(hostHeader).append("\r\n");
        String ua = hasHeader("User-Agent") ? firstValue("User-Agent") : USER_AGENT;
        if (!ua.isEmpty()) {
            b.append("User-Agent: ").append(ua).append("\r\n");
        }
        boolean accept = hasHeader("Accept");
        if (!accept) {
            b.append("Accept: */*\r\n");
        }
        boolean dropAccept = accept && firstValue("Accept").isEmpty();
        for (Header h : headers) {
            String name = canonical(h.name());
            if (name.equals("Host") || name.equals("User-Agent") || name.equals("Connection")
                    || (dropAccept && name.equals("Accept"))) {
                continue;
            }
            b.append(name).append(": ").append(h.value() == null ? "" : h.value()).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String firstValue(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value() == null ? "" : h.value();
        }
        return "";
    }

    /** Go's textproto canonical form: "x-custom-header" → "X-Custom-Header". */
    static String canonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!token) return name;  // Go leaves names with other bytes alone
        }
        StringBuilder b = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
    }

    private Response exchange(Target t, String hostHeader, long deadline) throws Failed {
        String get = "Get " + GoText.quote(t.url()) + ": ";
        InetAddress addr;
        try {
            addr = literal(t.host);
        } catch (UnknownHostException e) {
            throw new Failed(ProbeResult.failure(get + "dial tcp: lookup " + t.host + ": no such host"));
        }
        SocketChannel ch;
        try {
            ch = dialer.openSocket(netns);
        } catch (IOException | RuntimeException e) {
            throw new Failed(ProbeResult.unknown("open a socket in the pod network namespace: " + e.getMessage()));
        }
        try (ch) {
            Socket s = ch.socket();
            try {
                s.connect(new InetSocketAddress(addr, t.port), remainingMillis(deadline));
            } catch (SocketTimeoutException e) {
                throw new Failed(ProbeResult.failure(get + AWAITING_HEADERS));
            } catch (IOException e) {
                throw new Failed(ProbeResult.failure(get + GoText.dialError(GoText.hostPort(addr, t.port), e)));
            }
            String conn = "tcp " + GoText.hostPort(s.getLocalAddress(), s.getLocalPort()) + "->"
                    + GoText.hostPort(addr, t.port);
            Reader in = new Reader(s, deadline);
            try {
                ch.write(ByteBuffer.wrap(request(t, hostHeader)));
            } catch (IOException e) {
                throw new Failed(ProbeResult.failure(get + "write " + conn + ": write: " + GoText.errnoText(e)));
            }
            Response r;
            try {
                r = readHead(in, get);
            } catch (SocketTimeoutException e) {
                throw new Failed(ProbeResult.failure(get + AWAITING_HEADERS));
            } catch (EOFException e) {
                throw new Failed(ProbeResult.failure(get + (in.total == 0 ? "EOF" : "unexpected EOF")));
            } catch (IOException e) {
                throw new Failed(ProbeResult.failure(get + "read " + conn + ": read: " + GoText.errnoText(e)));
            }
            if (r.isRedirect() && r.location != null) {
                try {  // only shown if the redirect is not followed; its read errors do not matter
                    r.body = readBody(in, r);
                } catch (IOException ignored) {
                    r.body = "";
                }
                return r;
            }
            try {
                r.body = readBody(in, r);
            } catch (SocketTimeoutException e) {
                throw new Failed(ProbeResult.unknown("context deadline exceeded (Client.Timeout or context cancellation while reading body)"));
            } catch (EOFException e) {
                throw new Failed(ProbeResult.unknown("unexpected EOF"));
            } catch (IOException e) {
                throw new Failed(ProbeResult.unknown("read " + conn + ": read: " + GoText.errnoText(e)));
            }
            return r;
        } catch (IOException closeFailed) {
            throw new Failed(ProbeResult.unknown("close probe connection: " + closeFailed.getMessage()));
        }
    }

    private static final String AWAITING_HEADERS = "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";

    private static Response readHead(Reader in, String get) throws IOException, Failed {
        while (true) {
            String status = in.line();
            Response r = parseStatus(status, get);
            while (true) {
                String h = in.line();
                if (h.isEmpty()) break;
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new Failed(ProbeResult.failure(get + "net/http: HTTP/1.x transport connection broken: "
                            + "malformed MIME header line: " + h));
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "location" -> r.location = r.location == null ? value : r.location;
                    case "content-length" -> {
                        try {
                            r.contentLength = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new Failed(ProbeResult.failure(get + "net/http: HTTP/1.x transport connection broken: "
                                    + "bad Content-Length " + GoText.quote(value)));
                        }
                    }
                    case "transfer-encoding" -> r.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    default -> { }
                }
            }
            if (r.code >= 100 && r.code < 200 && r.code != 101) {
                continue;  // informational: the real response follows
            }
            return r;
        }
    }

    private static Response parseStatus(String line, String get) throws Failed {
        String[] f = line.split(" ", 3);
        if (f.length < 2 || !f[0].startsWith("HTTP/")) {
            throw new Failed(ProbeResult.failure(get + "net/http: HTTP/1.x transport connection broken: malformed HTTP response "
                    + GoText.quote(line)));
        }
        int code;
        try {
            code = f[1].length() == 3 ? Integer.parseInt(f[1]) : -1;
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 100) {
            throw new Failed(ProbeResult.failure(get + "net/http: HTTP/1.x transport connection broken: malformed HTTP status code "
                    + GoText.quote(f[1])));
        }
        Response r = new Response();
        r.code = code;
        return r;
    }

    private static String readBody(Reader in, Response r) throws IOException {
        byte[] body = new byte[MAX_BODY];
        int n = 0;
        if (r.code == 204 || r.code == 304) {
            return "";
        }
        if (r.chunked) {
            while (n < MAX_BODY) {
                String sizeLine = in.line();
                int semi = sizeLine.indexOf(';');
                long size;
                try {
                    size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunked encoding");
                }
                if (size == 0) break;
                int take = (int) Math.min(size, MAX_BODY - n);
                in.readFully(body, n, take);
                n += take;
                if (take < size) break;  // capped: the rest is not read
                in.line();
            }
        } else {
            long limit = r.contentLength >= 0 ? Math.min(r.contentLength, MAX_BODY) : MAX_BODY;
            while (n < limit) {
                int k = in.read(body, n, (int) limit - n);
                if (k < 0) {
                    if (r.contentLength >= 0) throw new EOFException();
                    break;
                }
                n += k;
            }
        }
        return new String(body, 0, n, StandardCharsets.UTF_8);
    }

    static InetAddress literal(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return InetAddress.getByName(h);
    }

    static int millis(Duration d) {
        long ms = d.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ns = deadline - System.nanoTime();
        if (ns <= 0) throw new SocketTimeoutException("deadline");
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ns + 999_999) / 1_000_000));
    }

    private static boolean isAbsolute(String location) {
        return location.regionMatches(true, 0, "http://", 0, 7) || location.regionMatches(true, 0, "https://", 0, 8)
                || location.startsWith("//");
    }

    private static final class Failed extends Exception {
        final ProbeResult result;

        Failed(ProbeResult result) {
            super(result.output(), null, false, false);
            this.result = result;
        }
    }

    private static final class Response {
        int code;
        String location;
        long contentLength = -1;
        boolean chunked;
        String body = "";

        boolean isRedirect() {
            return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
        }
    }

    /** Where one request goes: host as written (no brackets), port, request-URI. */
    static final class Target {
        final String host;
        final int port;
        final String requestUri;
        final boolean https;

        Target(String host, int port, String requestUri) {
            this(host, port, requestUri, false);
        }

        private Target(String host, int port, String requestUri, boolean https) {
            this.host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            this.port = port;
            this.requestUri = requestUri;
            this.https = https;
        }

        String hostPort() { return GoText.hostPort(host, port); }

        String url() { return (https ? "https://" : "http://") + hostPort() + requestUri; }

        Target resolve(String location) throws URISyntaxException {
            URI next = new URI(url()).resolve(new URI(location));
            String s = next.getScheme() == null ? "http" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!s.equals("http") && !s.equals("https")) {
                throw new URISyntaxException(location, "unsupported protocol scheme " + GoText.quote(s));
            }
            boolean tls = s.equals("https");
            String h = next.getHost() == null ? host : next.getHost();
            int p = next.getPort() >= 0 ? next.getPort() : tls ? 443 : 80;
            String uri = next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath();
            if (next.getRawQuery() != null) uri += "?" + next.getRawQuery();
            return new Target(h, p, uri, tls);
        }
    }

    /** Buffered reads against one deadline: each read gets only the time that is left. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream raw;
        private final long deadline;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int lim;
        long total;

        Reader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.raw = socket.getInputStream();
            this.deadline = deadline;
        }

        private boolean fill() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            int k = raw.read(buf, 0, buf.length);
            if (k <= 0) return false;
            pos = 0;
            lim = k;
            total += k;
            return true;
        }

        /** A CRLF- or LF-terminated line without its terminator, decoded as ISO-8859-1. */
        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos == lim && !fill()) throw new EOFException();
                byte c = buf[pos++];
                if (c == '\n') {
                    int len = b.length();
                    if (len > 0 && b.charAt(len - 1) == '\r') b.setLength(len - 1);
                    return b.toString();
                }
                if (b.length() >= MAX_HEADER_BYTES) throw new IOException("server response headers exceeded 1048576 bytes");
                b.append((char) (c & 0xff));
            }
        }

        int read(byte[] dst, int off, int len) throws IOException {
            if (pos == lim && !fill()) return -1;
            int k = Math.min(len, lim - pos);
            System.arraycopy(buf, pos, dst, off, k);
            pos += k;
            return k;
        }

        void readFully(byte[] dst, int off, int len) throws IOException {
            while (len > 0) {
                int k = read(dst, off, len);
                if (k < 0) throw new EOFException();
                off += k;
                len -= k;
            }
        }
    }
}
