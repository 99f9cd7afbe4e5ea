package dev.minipod.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Stand-in for {@code minipod daemon} in a separate JVM: takes the launcher's arguments, serves the socket
 * under {@code --run-root}, answers one POST with 201 and exits (or gives up after 20 s).
 */
public final class FakeDaemonProcess {
    public static void main(String[] args) throws Exception {
        String runRoot = null;
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals("--run-root")) runRoot = args[i + 1];
        if (runRoot == null || !args[args.length - 1].equals("daemon")) {
            System.err.println("unexpected arguments");
            System.exit(2);
        }
        Object done = new Object();
        try (FakeDaemon d = new FakeDaemon(Path.of(runRoot), r -> {
            if (r.method().equals("POST")) {
                synchronized (done) {
                    done.notifyAll();
                }
            }
            return FakeDaemon.json(201, r.body());
        })) {
            System.out.println("fake daemon listening on " + d.socket);
            synchronized (done) {
                done.wait(20_000);
            }
            Thread.sleep(200); // let the answer leave before the socket closes
        } catch (IOException e) {
            System.err.println("fake daemon: " + e.getMessage());
            System.exit(1);
        }
        System.out.println(new String("served".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
