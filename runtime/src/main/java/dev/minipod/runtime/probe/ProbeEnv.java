package dev.minipod.runtime.probe;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.process.ExecRunner;

/**
 * What running probes needs on a node: the netns dialer, the exec runner and a small pool of
 * platform threads the probes run on (never virtual threads: see linux-primitives Q4).
 */
public record ProbeEnv(NetnsDialer dialer, ExecRunner execRunner, Kernel kernel, ExecutorService pool) {
    public static ProbeEnv create(Kernel kernel, ExecRunner execRunner, int threads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new ProbeEnv(new NetnsDialer(kernel), execRunner, kernel, pool);
    }

    public void close() {
        pool.shutdownNow();
        dialer.close();
    }
}
