package dev.minipod.runtime.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/** tcpSocket: Success iff a TCP connection is established within the timeout; it is then closed. */
public final class TcpProbe implements Prober {
    private final NetnsDialer dialer;
    private final Path netns;
    private final String host;
    private final int port;

    /**
     * @param netns the pod's pinned netns file, or null to connect from this process's own netns
     * @param host  an IP literal (the pod IP, or 127.0.0.1 inside the pod's netns)
     */
    public TcpProbe(NetnsDialer dialer, Path netns, String host, int port) {
        this.dialer = dialer;
        this.netns = netns;
        this.host = host;
        this.port = port;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        String hp = GoText.hostPort(host, port);
        InetAddress addr;
        try {
            addr = HttpProbe.literal(host);
        } catch (IOException e) {
            return ProbeResult.failure("dial tcp " + hp + ": " + e.getMessage());
        }
        SocketChannel ch;
        try {
            ch = dialer.openSocket(netns);
        } catch (IOException | RuntimeException e) {
            return ProbeResult.unknown("open a socket in the pod network namespace: " + e.getMessage());
        }
        try (ch) {
            ch.socket().connect(new InetSocketAddress(addr, port), HttpProbe.millis(timeout));
            return ProbeResult.success("");
        } catch (IOException e) {
            return ProbeResult.failure(GoText.dialError(hp, e));
        }
    }
}
