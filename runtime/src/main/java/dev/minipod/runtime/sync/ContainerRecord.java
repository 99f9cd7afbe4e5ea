package dev.minipod.runtime.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * The runtime's own immutable record of one container of a pod: what it is doing now and how its
 * previous instance ended. Timestamps are stored; the Kubernetes state is derived from them
 * ({@code status.PodStatusDeriver}).
 *
 * <p>Life of a record, driven by the pod worker:
 * <pre>
 *   fresh(name, init)                      never created: default Waiting (ContainerCreating/PodInitializing)
 *   started(id, at, pid)                   running
 *   exited(Terminated.exit(...))           current = this instance's termination
 *   restarted()                            current -> last, restartCount + 1 (right before the next start)
 *   startFailed(id, msg, at)               current = StartError (128), waiting = RunContainerError
 *   waiting(Waiting.crashLoopBackOff(..))  shown instead of the termination while in back-off
 * </pre>
 *
 * @param name         container name from the spec
 * @param init         true for an init container
 * @param restartCount number of earlier instances (kubelet restartCount)
 * @param running      the running instance, or null
 * @param current      how this instance ended, or null while it has not exited
 * @param last         how the previous instance ended, or null
 * @param waiting      an explicit waiting reason (CrashLoopBackOff, RunContainerError, ...), or null
 */
public record ContainerRecord(String name, boolean init, int restartCount, Running running,
                              Terminated current, Terminated last, Waiting waiting) {

    /** Kubelet reason while a container waits out its restart back-off. */
    public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
    /** Kubelet reason when the runtime failed to start the container. */
    public static final String RUN_CONTAINER_ERROR = "RunContainerError";

    public ContainerRecord {
        Objects.requireNonNull(name, "name");
        if (restartCount < 0) {
            throw new IllegalArgumentException("restartCount must be >= 0, got " + restartCount);
        }
        if (running != null && current != null) {
            throw new IllegalArgumentException("container `" + name + "` cannot be running and exited at once");
        }
    }

    /** A container that has not been created yet. */
    public static ContainerRecord fresh(String name, boolean init) {
        return new ContainerRecord(name, init, 0, null, null, null, null);
    }

    public boolean isRunning() {
        return running != null;
    }

    /** True when this instance has exited (or failed to start). */
    public boolean hasExited() {
        return current != null;
    }

    /** True when no instance is running or exited: the next step is to start one. */
    public boolean awaitingStart() {
        return running == null && current == null;
    }

    /** True when any instance of this container was ever created. */
    public boolean everCreated() {
        return running != null || current != null || last != null;
    }

    /** The instance is running; any waiting reason is cleared. */
    public ContainerRecord started(String containerId, Instant startedAt, long pid) {
        if (current != null) {
            throw new IllegalStateException("container `" + name + "` has exited; call restarted() before started()");
        }
        return new ContainerRecord(name, init, restartCount, new Running(containerId, startedAt, pid), null, last, null);
    }

    /** The running instance ended (or never started: see {@link #startFailed}). */
    public ContainerRecord exited(Terminated termination) {
        Objects.requireNonNull(termination, "termination");
        return new ContainerRecord(name, init, restartCount, null, termination, last, waiting);
    }

    /** The runtime could not start the process: Terminated StartError 128 plus Waiting RunContainerError. */
    public ContainerRecord startFailed(String containerId, String message, Instant at) {
        return new ContainerRecord(name, init, restartCount, null, Terminated.startError(message, at, containerId),
                last, new Waiting(RUN_CONTAINER_ERROR, message));
    }

    /** Sets (or clears, with null) the explicit waiting reason. */
    public ContainerRecord waiting(Waiting newWaiting) {
        return new ContainerRecord(name, init, restartCount, running, current, last, newWaiting);
    }

    /** A new instance is about to be created: the exited one becomes {@code last}, restartCount + 1. */
    public ContainerRecord restarted() {
        if (current == null) {
            throw new IllegalStateException("container `" + name + "` has not exited; nothing to restart");
        }
        return new ContainerRecord(name, init, restartCount + 1, null, null, current, null);
    }

    /** The most recent termination: this instance's, else the previous one's; null if none. */
    public Terminated lastExit() {
        return current != null ? current : last;
    }

    /** A running instance. {@code containerId} is the bare id; status adds {@code minipod://}. */
    public record Running(String containerId, Instant startedAt, long pid) {
        public Running {
            Objects.requireNonNull(containerId, "containerId");
            Objects.requireNonNull(startedAt, "startedAt");
        }
    }

    /**
     * How an instance ended. {@code exitCode} is 128+signo for a signal death; {@code signal} is kept as
     * data (kubelet leaves the API field unset). {@code reason} is the CRI-style reason.
     */
    public record Terminated(int exitCode, int signal, String reason, String message, Instant startedAt,
                             Instant finishedAt, String containerId) {

        public static final String COMPLETED = "Completed";
        public static final String ERROR = "Error";
        public static final String START_ERROR = "StartError";
        public static final String OOM_KILLED = "OOMKilled";
        /** Exit code containerd reports for a start failure. */
        public static final int START_ERROR_EXIT_CODE = 128;

        public Terminated {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }

        /** A process exit: reason {@code Completed} for 0, {@code Error} otherwise. */
        public static Terminated exit(int exitCode, int signal, Instant startedAt, Instant finishedAt,
                                      String containerId) {
            return new Terminated(exitCode, signal, exitCode == 0 ? COMPLETED : ERROR, null, startedAt, finishedAt,
                    containerId);
        }

        /**
         * A process exit with its cgroup's OOM verdict: OOMKilled when the main process died of
         * SIGKILL and the container cgroup's oom_kill counter rose during its life (a fresh cgroup
         * per instance, so any count did). A child OOM-killed while the main process lived on, or
         * a SIGKILL from the runtime without an OOM kill, is not the container's OOM.
         */
        public static Terminated exit(int exitCode, int signal, long oomKills, Instant startedAt, Instant finishedAt,
                                      String containerId) {
            Terminated t = exit(exitCode, signal, startedAt, finishedAt, containerId);
            if (signal == SIGKILL && oomKills > 0) {
                return new Terminated(exitCode, signal, OOM_KILLED, null, startedAt, finishedAt, containerId);
            }
            return t;
        }

        private static final int SIGKILL = 9;

        /** A start failure as containerd reports it: exit 128, reason StartError, startedAt the Unix epoch. */
        public static Terminated startError(String message, Instant at, String containerId) {
            return new Terminated(START_ERROR_EXIT_CODE, 0, START_ERROR, message, Instant.EPOCH, at, containerId);
        }

        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** An explicit waiting state: a CamelCase reason with a human message. */
    public record Waiting(String reason, String message) {
        public Waiting {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
