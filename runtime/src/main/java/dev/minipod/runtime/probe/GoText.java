package dev.minipod.runtime.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** The kubelet's (Go's) wording for probe errors, so events read the same as on a real node. */
final class GoText {
    private GoText() {}

    /** net.JoinHostPort: IPv6 literals in brackets. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    static String hostPort(InetAddress addr, int port) {
        String h = addr.getHostAddress();
        if (addr instanceof Inet6Address) {
            int pct = h.indexOf('%');
            h = pct >= 0 ? h.substring(0, pct) : h;
        }
        return hostPort(h, port);
    }

    /** {@code dial tcp 10.0.0.7:8080: connect: connection refused}, or {@code ...: i/o timeout}. */
    static String dialError(String hostPort, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "dial tcp " + hostPort + ": i/o timeout";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "dial tcp " + hostPort + ": connect: " + errnoText(e);
        }
        return "dial tcp " + hostPort + ": " + errnoText(e);
    }

    /** Java carries strerror ("Connection refused"); Go prints it lower-case ("connection refused"). */
    static String errnoText(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        int paren = m.indexOf(" (");  // "Connection refused (Connection refused)" on some paths
        if (paren > 0) m = m.substring(0, paren);
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }

    /** Go's %q for the strings that appear in probe messages: quotes, backslashes, controls escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
