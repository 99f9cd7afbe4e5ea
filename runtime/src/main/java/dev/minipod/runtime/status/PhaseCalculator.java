package dev.minipod.runtime.status;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import java.util.List;

/**
 * The pod phase from converted container statuses, as kubelet getPhase (kubelet_pods.go).
 *
 * <p>Regular init containers: Running, Waiting without a previous termination, or no status count as
 * pending; a non-zero exit (now, or as the previous termination of a Waiting container) counts as
 * failed. App containers count as running, waiting, stopped (terminated, or waiting after a
 * termination; succeeded only when terminated with exit 0) or unknown (no status). Then, first match wins:
 * <ol>
 *   <li>failed init and Never: Failed</li>
 *   <li>pending init and no app container started (running or terminated), or any app container waiting: Pending</li>
 *   <li>running and none unknown: Running</li>
 *   <li>none running, some stopped, none unknown: if the pod is terminal, Succeeded iff all stopped ones
 *       exited 0, else Failed; otherwise Always: Running; all exited 0: Succeeded; Never: Failed; OnFailure: Running</li>
 *   <li>otherwise Pending</li>
 * </ol>
 * Sidecar (restartable) init containers are not modelled yet; they would add their own counting loop
 * beside {@link #countInit} and feed {@code running}, {@code waiting}, {@code unknown} and pending.
 */
public final class PhaseCalculator {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    private PhaseCalculator() {
    }

    /** True for Succeeded and Failed. */
    public static boolean isTerminal(String phase) {
        return SUCCEEDED.equals(phase) || FAILED.equals(phase);
    }

    /**
     * @param restartPolicy  pod restart policy (null: Always)
     * @param initStatuses   statuses of regular init containers, spec order; a null element or one without
     *                       a state means "no status"
     * @param appStatuses    statuses of app containers, spec order, same convention
     * @param podIsTerminal  the pod will not run again (deleted, or all containers stopped for good)
     */
    public static String getPhase(String restartPolicy, List<ContainerStatus> initStatuses,
                                  List<ContainerStatus> appStatuses, boolean podIsTerminal) {
        String policy = restartPolicy == null ? "Always" : restartPolicy;
        Counts c = new Counts();
        for (ContainerStatus s : initStatuses) {
            countInit(s, c);
        }
        boolean anyAppStarted = false;
        for (ContainerStatus s : appStatuses) {
            countApp(s, c);
            ContainerState st = state(s);
            anyAppStarted |= st != null && (st.getRunning() != null || st.getTerminated() != null);
        }

        if (c.failedInit > 0 && "Never".equals(policy)) {
            return FAILED;
        }
        if ((c.pendingInit > 0 && !anyAppStarted) || c.waiting > 0) {
            return PENDING;
        }
        if (c.running > 0 && c.unknown == 0) {
            return RUNNING;
        }
        if (c.running == 0 && c.stopped > 0 && c.unknown == 0) {
            if (podIsTerminal) {
                return c.stopped == c.succeeded ? SUCCEEDED : FAILED;
            }
            if ("Always".equals(policy)) {
                return RUNNING;
            }
            if (c.stopped == c.succeeded) {
                return SUCCEEDED;
            }
            return "Never".equals(policy) ? FAILED : RUNNING;
        }
        return PENDING;
    }

    private static final class Counts {
        int pendingInit;
        int failedInit;
        int unknown;
        int running;
        int waiting;
        int stopped;
        int succeeded;
    }

    private static void countInit(ContainerStatus s, Counts c) {
        ContainerState st = state(s);
        if (st == null || st.getRunning() != null) {
            c.pendingInit++;
        } else if (st.getTerminated() != null) {
            if (exitCode(st) != 0) {
                c.failedInit++;
            }
        } else if (st.getWaiting() != null) {
            ContainerState last = s.getLastState();
            if (last != null && last.getTerminated() != null) {
                if (exitCode(last) != 0) {
                    c.failedInit++;
                }
            } else {
                c.pendingInit++;
            }
        } else {
            c.pendingInit++;
        }
    }

    private static void countApp(ContainerStatus s, Counts c) {
        ContainerState st = state(s);
        if (st == null) {
            c.unknown++;
        } else if (st.getRunning() != null) {
            c.running++;
        } else if (st.getTerminated() != null) {
            c.stopped++;
            if (exitCode(st) == 0) {
                c.succeeded++;
            }
        } else if (st.getWaiting() != null) {
            ContainerState last = s.getLastState();
            if (last != null && last.getTerminated() != null) {
                c.stopped++; // kubelet counts it stopped but never succeeded, whatever that exit was
            } else {
                c.waiting++;
            }
        } else {
            c.unknown++;
        }
    }

    private static ContainerState state(ContainerStatus s) {
        return s == null ? null : s.getState();
    }

    private static int exitCode(ContainerState st) {
        Integer code = st.getTerminated().getExitCode();
        return code == null ? 0 : code;
    }
}
