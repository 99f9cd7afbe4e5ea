package dev.minipod.runtime.probe;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.minipod.runtime.linux.Kernel;

/**
 * Opens sockets inside another network namespace (a pod's pinned /run/minipod/pods/UID/ns/net).
 *
 * <p>A socket belongs to the netns its fd was created in, for its whole life; connect, read and
 * write may then happen on any thread. So one dedicated platform thread does only this:
 * {@code setns(pod)} → {@code SocketChannel.open()} → {@code setns(home)}, and hands the channel
 * back. No other code ever runs on that thread while it is in a pod's netns.
 *
 * <p>One shared thread that switches per call (not one thread per pod): it holds no reference on
 * any pod's netns between calls, so tearing a pod down frees its netns at once; the thread count
 * stays one however many pods there are; and the serialized part is two setns calls plus a
 * socket(2) (tens of microseconds), while connect and I/O run on the callers' threads.
 *
 * <p>If switching back ever fails, the thread is stuck in a foreign netns: it exits (taking the
 * stray namespace reference with it) and the next call starts a fresh one.
 */
public final class NetnsDialer implements AutoCloseable {
    /** Creates the fd and nothing else (no threads, no pools, no connect). */
    @FunctionalInterface
    public interface Opener<T extends Channel> {
        T open() throws IOException;
    }

    private static final long WAIT_SECONDS = 10;

    private final Kernel kernel;
    private final Object lock = new Object();
    private Worker worker;
    private boolean closed;

    public NetnsDialer(Kernel kernel) {
        this.kernel = kernel;
    }

    /** An unconnected blocking SocketChannel created in {@code netns}; null netns: this process's own. */
    public SocketChannel openSocket(Path netns) throws IOException {
        return open(netns, SocketChannel::open);
    }

    /** An unbound ServerSocketChannel created in {@code netns} (bind it from any thread). */
    public ServerSocketChannel openServer(Path netns) throws IOException {
        return open(netns, ServerSocketChannel::open);
    }

    public <T extends Channel> T open(Path netns, Opener<T> opener) throws IOException {
        if (netns == null) {
            return opener.open();
        }
        Task<T> task = new Task<>(netns, opener);
        synchronized (lock) {
            if (closed) {
                throw new IOException("netns dialer is closed");
            }
            if (worker == null || worker.stopped) {
                worker = new Worker();
                worker.startAndWait();
            }
            worker.queue.add(task);
        }
        try {
            return task.result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            throw new IOException(c);
        } catch (TimeoutException | CancellationException e) {
            task.result.cancel(false);
            throw new IOException("open a socket in netns `" + netns + "`: timed out");
        } catch (InterruptedException e) {
            task.result.cancel(false);
            Thread.currentThread().interrupt();
            throw new IOException("open a socket in netns `" + netns + "`: interrupted");
        }
    }

    /** Stops the thread (after the calls already queued); later calls fail. Idempotent. */
    @Override
    public void close() {
        Worker w;
        synchronized (lock) {
            closed = true;
            w = worker;
            worker = null;
            if (w != null) {
                w.queue.add(Task.STOP);
            }
        }
        if (w != null) {
            boolean interrupted = false;
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** For tests and diagnostics: whether the dialer thread is running. */
    boolean threadAlive() {
        synchronized (lock) {
            return worker != null && !worker.stopped;
        }
    }

    private static final class Task<T extends Channel> {
        static final Task<Channel> STOP = new Task<>(null, null);

        final Path netns;
        final Opener<T> opener;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Task(Path netns, Opener<T> opener) {
            this.netns = netns;
            this.opener = opener;
        }
    }

    private final class Worker extends Thread {
        final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
        private final CountDownLatch started = new CountDownLatch(1);
        private volatile RuntimeException startFailure;
        /** Set under the dialer's lock once this worker takes no more tasks. */
        boolean stopped;

        Worker() {
            super("minipod-netns-dialer");
            setDaemon(true);
        }

        /** Called with the dialer's lock held. */
        void startAndWait() throws IOException {
            start();
            boolean interrupted = false;
            while (true) {
                try {
                    started.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (startFailure != null) {
                stopped = true;
                throw new IOException("start the netns dialer: " + startFailure.getMessage(), startFailure);
            }
        }

        @Override
        public void run() {
            int home;
            try {
                home = kernel.openThreadNetns();
            } catch (RuntimeException | Error e) {
                // an Error too (e.g. a stale shim library without the symbol): never leave startAndWait waiting
                startFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e);
                started.countDown();
                return;
            }
            started.countDown();
            try {
                while (true) {
                    Task<?> t = queue.take();
                    if (t == Task.STOP || !serve(t, home)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // stop
            } finally {
                kernel.close(home);
                synchronized (lock) {  // no task can be queued to this worker after this
                    stopped = true;
                    for (Task<?> t; (t = queue.poll()) != null; ) {
                        t.result.completeExceptionally(new IOException("netns dialer stopped"));
                    }
                }
            }
        }

        /** @return false when the thread could not get back to its home netns and must end */
        private <T extends Channel> boolean serve(Task<T> t, int home) {
            if (t.result.isDone()) {
                return true;  // the caller gave up already
            }
            try {
                kernel.setnsPath(t.netns, Kernel.CLONE_NEWNET);
            } catch (RuntimeException e) {
                t.result.completeExceptionally(new IOException(e.getMessage(), e));
                return true;
            }
            T ch = null;
            Throwable err = null;
            try {
                ch = t.opener.open();
            } catch (Throwable e) {
                err = e;
            }
            try {
                kernel.setnsFd(home, Kernel.CLONE_NEWNET);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                synchronized (lock) {  // before the caller hears of it: its retry must get a new worker
                    stopped = true;
                }
                t.result.completeExceptionally(new IOException("return from netns `" + t.netns + "`: " + e.getMessage(), e));
                return false;
            }
            if (err != null) {
                t.result.completeExceptionally(err);
            } else if (!t.result.complete(ch)) {
                closeQuietly(ch);
            }
            return true;
        }
    }

    static void closeQuietly(Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
