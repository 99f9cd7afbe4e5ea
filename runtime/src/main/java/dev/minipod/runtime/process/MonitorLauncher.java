package dev.minipod.runtime.process;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.SyscallException;

/**
 * Starts a minipod-monitor: config in a memfd on fd 3, a sync pipe on fd 1. Returns once the
 * monitor reports the container exec'd (or why it could not).
 */
public final class MonitorLauncher {
    private static final int SYNC_TIMEOUT_MS = 60_000;

    private final Kernel kernel;
    private final Path monitorBinary;

    public MonitorLauncher(Kernel kernel, Path libexec) {
        this.kernel = kernel;
        this.monitorBinary = libexec.resolve("minipod-monitor");
    }

    /** The monitor and, when the container exec'd, the container's host pid. */
    public record Launched(Kernel.Child monitor, int containerPid, String startError) {
        public boolean started() { return startError == null; }
    }

    public Launched run(MonitorConfig config) {
        int memfd = kernel.memfd("minipod-config", config.toBytes());
        int[] sync;
        try {
            sync = kernel.pipe();
        } catch (RuntimeException e) {
            kernel.close(memfd);
            throw e;
        }
        Kernel.Child monitor;
        try {
            monitor = kernel.spawn(monitorBinary, List.of("minipod-monitor", "run"), List.of(),
                    new int[] {-1, sync[1], -1, memfd}, 0, null);
        } finally {
            kernel.close(sync[1]);
            kernel.close(memfd);
        }
        try {
            String line = readLine(sync[0]);
            if (line.startsWith("started ")) {
                return new Launched(monitor, Integer.parseInt(line.substring(8).trim()), null);
            }
            if (line.startsWith("error ")) {
                return new Launched(monitor, -1, line.substring(6));
            }
            return new Launched(monitor, -1, "monitor: exited before reporting the container start");
        } finally {
            kernel.close(sync[0]);
        }
    }

    private String readLine(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        long deadline = System.nanoTime() + SYNC_TIMEOUT_MS * 1_000_000L;
        while (true) {
            int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            if (kernel.poll(new int[] {fd}, left)[0] == 0) {
                if (left == 0) {
                    throw new SyscallException(0, "monitor: no start report within " + SYNC_TIMEOUT_MS + " ms");
                }
                continue;
            }
            int n = kernel.read(fd, buf);
            if (n == 0) {
                break;
            }
            out.write(buf, 0, n);
            if (out.toString(StandardCharsets.UTF_8).indexOf('\n') >= 0) {
                break;
            }
        }
        String s = out.toString(StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return nl >= 0 ? s.substring(0, nl) : s;
    }
}
