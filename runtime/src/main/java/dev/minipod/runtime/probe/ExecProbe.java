package dev.minipod.runtime.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.minipod.runtime.api.PodService;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.process.ExecRunner;
import dev.minipod.runtime.process.Instance;

/**
 * exec: runs the command in the container through {@link ExecRunner} (the monitor's exec mode).
 * Exit 0 is Success, anything else Failure; stdout+stderr together are kept up to 10 KiB. At the
 * timeout the command (the helper's child) and then the helper are SIGKILLed through pidfds and the
 * result is Failure {@code command "<cmd>" timed out}. Processes the command itself forked are not
 * chased (as with a CRI exec). If the command cannot be run at all the result is UNKNOWN.
 */
public final class ExecProbe implements Prober {
    /** The running container the command joins (what ExecRunner needs). */
    public record Target(ContainerPlan plan, Instance instance, Path rootfs, List<Path> cgroupProcs) {}

    static final int MAX_OUTPUT = 10 * 1024;

    private final ExecRunner runner;
    private final Kernel kernel;
    private final Target target;
    private final List<String> command;

    public ExecProbe(ExecRunner runner, Kernel kernel, Target target, List<String> command) {
        this.runner = runner;
        this.kernel = kernel;
        this.target = target;
        this.command = List.copyOf(command);
    }

    @Override
    public ProbeResult run(Duration timeout) {
        if (command.isEmpty()) {
            return ProbeResult.unknown("exec probe has an empty command");
        }
        CappedOutput out = new CappedOutput();
        Watchdog dog = new Watchdog(kernel, System.nanoTime() + timeout.toNanos());
        int code;
        try {
            code = runner.exec(target.plan(), target.instance(), target.rootfs(), target.cgroupProcs(), command, out, dog::arm);
        } catch (RuntimeException e) {
            return ProbeResult.unknown(e.getMessage());
        } finally {
            dog.disarm();
        }
        if (dog.fired) {
            return ProbeResult.failure("command " + GoText.quote(String.join(" ", command)) + " timed out");
        }
        return code == 0 ? ProbeResult.success(out.text()) : ProbeResult.failure(out.text());
    }

    /** stdout and stderr in arrival order, the first 10 KiB only. */
    private static final class CappedOutput implements PodService.ExecSink {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        @Override
        public synchronized void stdout(byte[] b, int len) { add(b, len); }

        @Override
        public synchronized void stderr(byte[] b, int len) { add(b, len); }

        private void add(byte[] b, int len) {
            buf.write(b, 0, Math.min(len, MAX_OUTPUT - buf.size()));
        }

        synchronized String text() { return buf.toString(StandardCharsets.UTF_8); }
    }

    /**
     * Kills the exec helper at the deadline. It owns a pidfd of its own (opened while the helper is
     * our unreaped child, so it names exactly that process) and closes it only after its thread is
     * joined: no signal can ever reach a recycled fd or pid.
     */
    private static final class Watchdog {
        private final Kernel kernel;
        private final long deadline;
        private final Object lock = new Object();
        private Thread thread;
        private int pidfd = -1;
        private boolean done;
        volatile boolean fired;

        Watchdog(Kernel kernel, long deadline) {
            this.kernel = kernel;
            this.deadline = deadline;
        }

        void arm(Kernel.Child helper) {
            int fd;
            try {
                fd = kernel.pidfdOpen(helper.pid());
            } catch (RuntimeException e) {
                return;  // already gone: nothing to time out
            }
            synchronized (lock) {
                pidfd = fd;
                thread = new Thread(() -> watch(helper.pid()), "probe-exec-timeout-" + helper.pid());
                thread.setDaemon(true);
                thread.start();
            }
        }

        private void watch(int helperPid) {
            synchronized (lock) {
                while (!done) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        fired = true;
                        killChildren(helperPid);
                        kernel.signal(pidfd, Kernel.SIGKILL);
                        return;
                    }
                    try {
                        lock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        /** The command runs as the helper's child; kill it first so it does not outlive the probe. */
        private void killChildren(int helperPid) {
            String children;
            try {
                children = Files.readString(Path.of("/proc/" + helperPid + "/task/" + helperPid + "/children")).trim();
            } catch (IOException e) {
                return;
            }
            if (children.isEmpty()) return;
            for (String s : children.split(" ")) {
                int pid = Integer.parseInt(s);
                int fd;
                try {
                    fd = kernel.pidfdOpen(pid);
                } catch (RuntimeException gone) {
                    continue;
                }
                try {
                    // The pidfd pins the process: if it is still the helper's child, it is the one we mean.
                    if (parentOf(pid) == helperPid) {
                        kernel.signal(fd, Kernel.SIGKILL);
                    }
                } finally {
                    kernel.close(fd);
                }
            }
        }

        private static int parentOf(int pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Integer.parseInt(f[1]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        void disarm() {
            Thread t;
            synchronized (lock) {
                done = true;
                lock.notifyAll();
                t = thread;
            }
            if (t != null) {
                boolean interrupted = false;
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            synchronized (lock) {
                kernel.close(pidfd);
                pidfd = -1;
            }
        }
    }
}
