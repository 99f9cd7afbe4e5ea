package dev.minipod.runtime.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;

/** Hand-built API container statuses for phase and condition tables. */
final class Statuses {

    private Statuses() {
    }

    static ContainerStatus running(String name) {
        return status(name, state(new ContainerStateRunning("2026-11-23T06:00:00Z"), null, null), null, true);
    }

    static ContainerStatus runningUnready(String name) {
        return status(name, state(new ContainerStateRunning("2026-11-23T06:00:00Z"), null, null), null, false);
    }

    static ContainerStatus waiting(String name, String reason) {
        return status(name, state(null, null, new ContainerStateWaiting(null, reason)), null, false);
    }

    static ContainerStatus terminated(String name, int exit) {
        return status(name, state(null, term(exit), null), null, false);
    }

    /** Init container done: terminated exit 0 and ready. */
    static ContainerStatus initDone(String name) {
        return status(name, state(null, term(0), null), null, true);
    }

    /** Waiting (e.g. CrashLoopBackOff) after an exit. */
    static ContainerStatus waitingAfter(String name, int lastExit) {
        return status(name, state(null, null, new ContainerStateWaiting(null, "CrashLoopBackOff")),
                state(null, term(lastExit), null), false);
    }

    /** A status without any state: "no status" for the kubelet. */
    static ContainerStatus unknown(String name) {
        return status(name, null, null, false);
    }

    private static ContainerStateTerminated term(int exit) {
        ContainerStateTerminated t = new ContainerStateTerminated();
        t.setExitCode(exit);
        t.setReason(exit == 0 ? "Completed" : "Error");
        return t;
    }

    private static ContainerState state(ContainerStateRunning r, ContainerStateTerminated t, ContainerStateWaiting w) {
        return new ContainerState(r, t, w);
    }

    private static ContainerStatus status(String name, ContainerState state, ContainerState last, boolean ready) {
        ContainerStatus s = new ContainerStatus();
        s.setName(name);
        s.setState(state);
        s.setLastState(last == null ? new ContainerState() : last);
        s.setReady(ready);
        return s;
    }
}
