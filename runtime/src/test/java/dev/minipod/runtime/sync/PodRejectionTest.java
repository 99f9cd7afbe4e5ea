package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

/** A pod refused at admission, as the kubelet's rejectPod writes its status, and read back after a restart. */
class PodRejectionTest {
    @Test
    void statusIsFailedWithTheReasonThePrefixedMessageAndNoContainers() {
        PodRejection r = new PodRejection("UnexpectedAdmissionError", "Allocate failed due to x, which is unexpected");
        PodStatus s = r.status("Guaranteed", Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(s.getPhase()).isEqualTo("Failed");
        assertThat(s.getReason()).isEqualTo("UnexpectedAdmissionError");
        assertThat(s.getMessage()).isEqualTo("Pod was rejected: Allocate failed due to x, which is unexpected");
        assertThat(s.getQosClass()).isEqualTo("Guaranteed");
        assertThat(s.getStartTime()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(s.getContainerStatuses()).isNullOrEmpty();
        assertThat(s.getConditions()).isNullOrEmpty();
        assertThat(PodRejection.of(s)).isEqualTo(r);
    }

    @Test
    void otherFailedPodsAreNoRejection() {
        assertThat(PodRejection.of(null)).isNull();
        assertThat(PodRejection.of(new PodStatusBuilder().withPhase("Failed").withReason("DeadlineExceeded")
                .withMessage("Pod was active on the node longer than the specified deadline").build())).isNull();
        assertThat(PodRejection.of(new PodStatusBuilder().withPhase("Running").withMessage("Pod was rejected: x").build())).isNull();
    }
}
