package dev.minipod.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of cli/cds.sh, which dumps the AppCDS archive at its exit: runs one command line, e.g.
 * {@code get pods}, against a stand-in daemon on a temporary unix socket that lists two pods, so that the
 * archive holds the classes of a successful call (reading JSON, printing the table), not only those of a
 * "cannot connect" error. Started through the launcher with {@code -Dminipod.cds.training=true} so that the
 * class path is exactly the launcher's; not a user command.
 */
final class CdsTraining {
    static final String PROPERTY = "minipod.cds.training";

    private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"default\","
            + "\"creationTimestamp\":\"2020-01-01T00:00:00Z\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"}]},"
            + "\"status\":{\"phase\":\"Running\",\"podIP\":\"10.88.0.2\",\"podIPs\":[{\"ip\":\"10.88.0.2\"}],"
            + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}],\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,"
            + "\"restartCount\":0,\"state\":{\"running\":{\"startedAt\":\"2020-01-01T00:00:01Z\"}}}]}}";
    private static final String LIST = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},"
            + "\"items\":[" + String.format(POD, "demo") + "," + String.format(POD, "web") + "]}";

    private CdsTraining() {}

    /** Runs {@code args} against the stand-in daemon with the output discarded; returns the command's exit code. */
    static int run(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("minipod-cds");
        Path socket = dir.resolve("minipod.sock");
        Path manifest = dir.resolve("pod.yaml");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(new Server(server), "cds-training-daemon");
            t.setDaemon(true);
            t.start();
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
            int code = Main.run(withRunRoot(dir, args), discard, discard, InputStream.nullInputStream());
            // apply (YAML decoding) and exec (frame decoding) are hot paths too: let the archive hold their classes
            Files.writeString(manifest, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo\nspec:\n  containers:\n"
                    + "  - name: app\n    image: busybox\n    command: [sleep, \"60\"]\n", StandardCharsets.UTF_8);
            Main.run(withRunRoot(dir, new String[] {"apply", "-f", manifest.toString()}), discard, discard, InputStream.nullInputStream());
            Main.run(withRunRoot(dir, new String[] {"exec", "demo", "-c", "app", "--", "true"}), discard, discard, InputStream.nullInputStream());
            // describe (tab writer, times) and wait (conditions, durations): one quick call each; the stand-in's list
            // is no pod, so wait stops at once with "condition not met" (timeout 0) and describe prints an empty one
            Main.run(withRunRoot(dir, new String[] {"describe", "pod", "demo"}), discard, discard, InputStream.nullInputStream());
            // the other kinds' tables (the stand-in answers every path with its pod list, which prints as rows)
            Main.run(withRunRoot(dir, new String[] {"get", "cm,pv,pvc"}), discard, discard, InputStream.nullInputStream());
            Main.run(withRunRoot(dir, new String[] {"wait", "--for=condition=Ready", "pod/demo", "--timeout=0"}), discard, discard,
                    InputStream.nullInputStream());
            return code;
        } finally {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(manifest);
            Files.deleteIfExists(dir);
        }
    }

    private static String[] withRunRoot(Path dir, String[] args) {
        String[] all = new String[args.length + 2];
        all[0] = "--run-root";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** Answers every request with the pod list. A plain class, not a lambda, like the rest of the CLI. */
    private static final class Server implements Runnable {
        private final ServerSocketChannel server;

        Server(ServerSocketChannel server) { this.server = server; }

        @Override
        public void run() {
            byte[] body = LIST.getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            while (server.isOpen()) {
                try (SocketChannel ch = server.accept()) {
                    InputStream in = Channels.newInputStream(ch);
                    String line;
                    do {
                        line = HttpLines.readLine(in);
                    } while (line != null && !line.isEmpty());
                    ch.write(ByteBuffer.wrap(head));
                    ByteBuffer b = ByteBuffer.wrap(body);
                    while (b.hasRemaining()) ch.write(b);
                } catch (IOException e) {
                    if (!server.isOpen()) return;
                }
            }
        }
    }
}
