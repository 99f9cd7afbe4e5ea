package dev.minipod.runtime.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.minipod.runtime.linux.Kernel;

/**
 * One thread that polls every watched pidfd (monitors, pause) and reaps what exits. Never
 * waitpid(-1): each process is reaped through its own pidfd, so java.lang.Process children are
 * left alone. A process that is not our child (adopted after a daemon restart) is reported with a
 * null exit; its exit file says how it ended.
 */
public final class ExitWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExitWatcher.class);

    private final Kernel kernel;
    private final int[] wake;
    private final Map<Integer, Consumer<Kernel.Exit>> watched = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    public ExitWatcher(Kernel kernel) {
        this.kernel = kernel;
        this.wake = kernel.pipe();
        this.thread = new Thread(this::loop, "exit-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Calls onExit (on the watcher thread; keep it short) once the pidfd's process has exited. The pidfd is closed after. */
    public void watch(int pidfd, Consumer<Kernel.Exit> onExit) {
        watched.put(pidfd, onExit);
        kernel.write(wake[1], new byte[] {1});
    }

    private void loop() {
        byte[] drain = new byte[64];
        while (!closed) {
            Integer[] keys = watched.keySet().toArray(Integer[]::new);
            int[] fds = new int[keys.length + 1];
            fds[0] = wake[0];
            for (int i = 0; i < keys.length; i++) {
                fds[i + 1] = keys[i];
            }
            int[] ready;
            try {
                ready = kernel.poll(fds, 1000);
            } catch (RuntimeException e) {
                LOG.error("event=poll-failed error={}", e.getMessage());
                sleepQuietly();
                continue;
            }
            if (ready[0] != 0) {
                kernel.read(wake[0], drain);
            }
            for (int i = 0; i < keys.length; i++) {
                if (ready[i + 1] != 0) {
                    fire(keys[i]);
                }
            }
        }
    }

    private void fire(int pidfd) {
        Consumer<Kernel.Exit> cb = watched.remove(pidfd);
        if (cb == null) {
            return;
        }
        Kernel.Exit exit = null;
        try {
            exit = kernel.waitExit(pidfd, true);
        } catch (RuntimeException e) {
            LOG.warn("event=reap-failed pidfd={} error={}", pidfd, e.getMessage());
        } finally {
            kernel.close(pidfd);
        }
        try {
            cb.accept(exit);
        } catch (RuntimeException e) {
            LOG.error("event=exit-callback-failed error={}", e.toString());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        kernel.write(wake[1], new byte[] {1});
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kernel.close(wake[0]);
        kernel.close(wake[1]);
        watched.keySet().forEach(kernel::close);
        watched.clear();
    }
}
