package dev.minipod.runtime.objects;

import java.nio.file.Path;

/**
 * A claim as a pod sees it: bound to a host directory, or not usable yet with a scheduler-style
 * reason and message (the pod then stays Pending, as an unschedulable pod does).
 */
public record ClaimBinding(State state, Path hostPath, boolean readOnly, String reason, String message) {
    public enum State { BOUND, PENDING, MISSING }

    public static ClaimBinding bound(Path hostPath, boolean readOnly) {
        return new ClaimBinding(State.BOUND, hostPath, readOnly, "", "");
    }

    public static ClaimBinding pending(String reason, String message) {
        return new ClaimBinding(State.PENDING, null, false, reason, message);
    }

    public static ClaimBinding missing(String claimName) {
        return new ClaimBinding(State.MISSING, null, false, "Unschedulable",
                "persistentvolumeclaim \"" + claimName + "\" not found");
    }
}
