package dev.minipod.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code minipod port-forward pod/NAME [LOCAL:]REMOTE...}: listens on 127.0.0.1:LOCAL and carries
 * each connection to REMOTE on the pod's loopback through the daemon, which opens it inside the
 * pod's network namespace (one HTTP/1.1 request per connection, chunked both ways). Runs until
 * interrupted, like kubectl's.
 */
final class PortForwardCommand implements Verb {
    private final Main root;
    String pod;
    final List<int[]> ports = new ArrayList<>();

    PortForwardCommand(Main root) { this.root = root; }

    @Override public String name() { return "port-forward"; }
    @Override public String summary() { return "Forward one or more local ports to a pod."; }

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Options.command(name(), summary(), "minipod port-forward pod/NAME [LOCAL_PORT:]REMOTE_PORT...");
        spec.addPositional(Options.positionals("TYPE/NAME PORT..."));
        return Options.addGlobals(spec);
    }

    @Override
    public void configure(ParseResult args) {
        List<String> p = Options.positionals(args);
        if (p.size() < 2) {
            throw new UsageException("minipod port-forward", "TYPE/NAME and list of ports are required for port-forward");
        }
        pod = ResourceArgs.podName(p.get(0));
        for (String spec : p.subList(1, p.size())) {
            ports.add(parse(spec));
        }
    }

    /** "8080", "9000:80", ":80" (a free local port); {local, remote}, local 0 = pick one. */
    static int[] parse(String spec) {
        int colon = spec.indexOf(':');
        String local = colon < 0 ? spec : spec.substring(0, colon);
        String remote = colon < 0 ? spec : spec.substring(colon + 1);
        int r = port(remote, spec, false);
        int l = local.isEmpty() ? 0 : port(local, spec, true);
        return new int[] {l, r};
    }

    private static int port(String v, String spec, boolean zeroOk) {
        try {
            int p = Integer.parseInt(v);
            if (p >= (zeroOk ? 0 : 1) && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // below
        }
        throw CliException.usage("error parsing port `" + spec + "`: ports must be between 1 and 65535, inclusive");
    }

    @Override
    public int run() throws IOException {
        ApiClient api = root.api();
        String ns = root.namespace();
        String phase = api.get(ApiClient.podPath(ns, pod)).path("status").path("phase").asText("Pending");
        if (!phase.equals("Running")) {
            throw CliException.failure("unable to forward port because pod is not running. Current status=" + phase);
        }
        List<Thread> listeners = new ArrayList<>();
        for (int[] p : ports) {
            ServerSocketChannel server = ServerSocketChannel.open();
            try {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p[0]));
            } catch (IOException e) {
                server.close();
                throw CliException.failure("unable to listen on port " + p[0] + ": listen tcp4 127.0.0.1:" + p[0] + ": " + e.getMessage());
            }
            int local = ((InetSocketAddress) server.getLocalAddress()).getPort();
            root.out.println("Forwarding from 127.0.0.1:" + local + " -> " + p[1]);
            root.out.flush();
            Thread t = new Thread(() -> accept(api.http(), server, ns, local, p[1]), "port-forward-" + local);
            t.start();
            listeners.add(t);
        }
        for (Thread t : listeners) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
        return 0;
    }

    private void accept(UnixHttpClient http, ServerSocketChannel server, String ns, int local, int remote) {
        while (true) {
            SocketChannel conn;
            try {
                conn = server.accept();
            } catch (IOException e) {
                return;
            }
            root.out.println("Handling connection for " + local);
            root.out.flush();
            new Thread(() -> forward(http, conn, ns, remote), "forward-" + local).start();
        }
    }

    private void forward(UnixHttpClient http, SocketChannel local, String ns, int remote) {
        try (local; SocketChannel daemon = http.connectRaw()) {
            String head = "POST " + ApiClient.podPath(ns, pod) + "/portforward?port=" + remote + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nUser-Agent: minipod/" + Version.VERSION + "\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            daemon.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(daemon), 16 * 1024);
            HttpResponse resp = UnixHttpClient.readResponse("POST", in, daemon);
            if (!resp.ok()) {
                ApiException e = ApiException.from(resp.status(), resp.bodyBytes());
                root.err.println("E " + e.getMessage());
                root.err.flush();
                return;
            }
            Thread up = new Thread(() -> sendChunks(local, daemon), "forward-up");
            up.start();
            OutputStream toLocal = Channels.newOutputStream(local);
            InputStream body = resp.body();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = body.read(buf)) > 0) {
                toLocal.write(buf, 0, n);
            }
            local.shutdownOutput();
            up.join();
        } catch (IOException e) {
            root.err.println("E error forwarding to port " + remote + ": " + e.getMessage());
            root.err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The local client's bytes as HTTP chunks; its EOF ends the request body. */
    private static void sendChunks(SocketChannel local, SocketChannel daemon) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (local.read(buf) > 0) {
                buf.flip();
                writeAll(daemon, ByteBuffer.wrap((Integer.toHexString(buf.remaining()) + "\r\n").getBytes(StandardCharsets.US_ASCII)));
                writeAll(daemon, buf);
                writeAll(daemon, ByteBuffer.wrap(new byte[] {'\r', '\n'}));
                buf.clear();
            }
            writeAll(daemon, ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the daemon or the local client went away: the reader side ends the connection
        }
    }

    private static void writeAll(SocketChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
