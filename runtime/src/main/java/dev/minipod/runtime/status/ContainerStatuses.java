package dev.minipod.runtime.status;

import dev.minipod.runtime.sync.ContainerRecord;
import dev.minipod.runtime.sync.PodPlanView.ContainerView;
import dev.minipod.runtime.sync.RestartRules;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;

/**
 * One {@link ContainerRecord} to one API {@link ContainerStatus}, as kubelet convertToAPIContainerStatuses
 * plus the prober's ready/started.
 *
 * <ul>
 *   <li>state: running; else an exited instance that will restart and has an explicit waiting reason
 *       (CrashLoopBackOff, RunContainerError) shows Waiting with the termination as lastState; else the
 *       termination; else the explicit waiting reason; else the default Waiting
 *       ({@code ContainerCreating}, or {@code PodInitializing} in a pod with init containers).</li>
 *   <li>ready: init container terminated with exit 0; app container running without readinessProbe.</li>
 *   <li>started: running without startupProbe.</li>
 *   <li>containerID {@code minipod://<id>} of the newest instance; imageID "" until one was created.</li>
 * </ul>
 */
public final class ContainerStatuses {

    /** Scheme of API container ids. */
    public static final String ID_PREFIX = "minipod://";
    public static final String CONTAINER_CREATING = "ContainerCreating";
    public static final String POD_INITIALIZING = "PodInitializing";

    private ContainerStatuses() {
    }

    /**
     * @param spec              the container's plan entry
     * @param rec               its record; null when nothing is known yet
     * @param init              true for an init container
     * @param podHasInit        the pod has init containers (default reason PodInitializing)
     * @param restartPolicy     pod restart policy
     */
    public static ContainerStatus convert(ContainerView spec, ContainerRecord rec, boolean init, boolean podHasInit,
                                          String restartPolicy) {
        return convert(spec, rec, init, podHasInit, restartPolicy, null);
    }

    /** @param probes the running instance's probe verdicts, or null (ready/started then follow the spec's probes) */
    public static ContainerStatus convert(ContainerView spec, ContainerRecord rec, boolean init, boolean podHasInit,
                                          String restartPolicy, PodFacts.ProbeView probes) {
        ContainerRecord r = rec != null ? rec : ContainerRecord.fresh(spec.name(), init);
        ContainerState state;
        ContainerRecord.Terminated previous = r.last();
        if (r.isRunning()) {
            state = running(r.running());
        } else if (r.hasExited()) {
            if (r.waiting() != null && RestartRules.shouldRestart(restartPolicy, init, r.current())) {
                state = waiting(r.waiting().reason(), r.waiting().message());
                previous = r.current();
            } else {
                state = terminated(r.current());
            }
        } else if (r.waiting() != null) {
            state = waiting(r.waiting().reason(), r.waiting().message());
        } else {
            state = waiting(podHasInit ? POD_INITIALIZING : CONTAINER_CREATING, null);
        }

        ContainerStatus s = new ContainerStatus();
        s.setName(spec.name());
        s.setState(state);
        s.setLastState(previous == null ? new ContainerState() : terminated(previous));
        s.setReady(init ? state.getTerminated() != null && state.getTerminated().getExitCode() == 0
                : r.isRunning() && (probes == null ? !spec.readinessProbe() : probes.ready()));
        s.setStarted(r.isRunning() && (probes == null ? !spec.startupProbe() : probes.started()));
        s.setRestartCount(r.restartCount());
        s.setImage(spec.image());
        s.setImageID(r.everCreated() && spec.imageId() != null ? spec.imageId() : "");
        String id = newestContainerId(r);
        s.setContainerID(id == null ? null : ID_PREFIX + id);
        return s;
    }

    private static String newestContainerId(ContainerRecord r) {
        if (r.running() != null) {
            return r.running().containerId();
        }
        if (r.current() != null) {
            return r.current().containerId();
        }
        return r.last() != null ? r.last().containerId() : null;
    }

    private static ContainerState running(ContainerRecord.Running run) {
        ContainerState st = new ContainerState();
        ContainerStateRunning running = new ContainerStateRunning();
        running.setStartedAt(Rfc3339.format(run.startedAt()));
        st.setRunning(running);
        return st;
    }

    private static ContainerState waiting(String reason, String message) {
        ContainerState st = new ContainerState();
        ContainerStateWaiting w = new ContainerStateWaiting();
        w.setReason(reason);
        w.setMessage(message);
        st.setWaiting(w);
        return st;
    }

    /** The API leaves {@code signal} unset: kubelet never fills it from a CRI status. */
    private static ContainerState terminated(ContainerRecord.Terminated t) {
        ContainerState st = new ContainerState();
        ContainerStateTerminated term = new ContainerStateTerminated();
        term.setExitCode(t.exitCode());
        term.setReason(t.reason());
        term.setMessage(t.message());
        term.setStartedAt(Rfc3339.format(t.startedAt()));
        term.setFinishedAt(Rfc3339.format(t.finishedAt()));
        term.setContainerID(t.containerId() == null ? null : ID_PREFIX + t.containerId());
        st.setTerminated(term);
        return st;
    }
}
