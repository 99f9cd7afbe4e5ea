package dev.minipod.runtime.sync;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import dev.minipod.runtime.status.Rfc3339;

/**
 * A pod the node refused at admission, as the kubelet's rejectPod records it: phase Failed, a
 * CamelCase reason, the message prefixed "Pod was rejected: ", the QoS class, no containers.
 */
public record PodRejection(String reason, String message) {
    public static final String PREFIX = "Pod was rejected: ";

    /** The pod's whole status (the kubelet's status manager adds the start time). */
    public PodStatus status(String qosClass, Instant startTime) {
        return new PodStatusBuilder()
                .withPhase("Failed")
                .withReason(reason)
                .withMessage(PREFIX + message)
                .withQosClass(qosClass)
                .withStartTime(startTime == null ? null : Rfc3339.format(startTime))
                .build();
    }

    /** The rejection recorded in a stored pod's status (a restarted daemon keeps it), or null. */
    public static PodRejection of(PodStatus s) {
        if (s == null || !"Failed".equals(s.getPhase()) || s.getMessage() == null || !s.getMessage().startsWith(PREFIX)) {
            return null;
        }
        return new PodRejection(s.getReason(), s.getMessage().substring(PREFIX.length()));
    }
}
