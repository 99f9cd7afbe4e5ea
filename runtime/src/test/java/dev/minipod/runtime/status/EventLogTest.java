package dev.minipod.runtime.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class EventLogTest {
    private Instant now = Instant.parse("2026-11-23T07:00:00Z");
    private final Clock clock = new Clock() {
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now; }
    };
    private final EventLog log = new EventLog(clock, "node1");

    private static Pod pod(String name, String uid) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(uid).endMetadata().build();
    }

    @Test
    void recordsAKubeletEventAboutAContainer() {
        log.record(pod("demo", "u1"), "spec.containers{web}", EventLog.NORMAL, "Started", "Started container web", "kubelet");
        Event e = log.list("default", Map.of()).get(0);
        assertThat(e.getMetadata().getName()).matches("demo\\.[0-9a-f]{16}");
        assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo("u1");
        assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{web}");
        assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
        assertThat(e.getSource().getHost()).isEqualTo("node1");
        assertThat(e.getCount()).isEqualTo(1);
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-23T07:00:00Z");
    }

    @Test
    void aRepeatIsFoldedIntoOneEventWithACount() {
        Pod p = pod("demo", "u1");
        log.record(p, "spec.containers{c}", EventLog.WARNING, "BackOff", "Back-off restarting failed container c", "kubelet");
        now = now.plusSeconds(20);
        log.record(p, "spec.containers{c}", EventLog.WARNING, "BackOff", "Back-off restarting failed container c", "kubelet");
        Event e = log.list("default", Map.of()).get(0);
        assertThat(log.list("default", Map.of())).hasSize(1);
        assertThat(e.getCount()).isEqualTo(2);
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-23T07:00:00Z");
        assertThat(e.getLastTimestamp()).isEqualTo("2026-11-23T07:00:20Z");
    }

    @Test
    void fieldSelectorPicksOnePodAndOldEventsExpire() {
        log.record(pod("a", "ua"), null, EventLog.NORMAL, "Scheduled", "Successfully assigned default/a to node1", "default-scheduler");
        now = now.plusSeconds(30 * 60);
        log.record(pod("b", "ub"), null, EventLog.NORMAL, "Scheduled", "Successfully assigned default/b to node1", "default-scheduler");
        assertThat(log.list("default", Map.of("involvedObject.name", "b"))).extracting(e -> e.getInvolvedObject().getName()).containsExactly("b");
        assertThat(log.list("other", Map.of())).isEmpty();
        now = now.plus(Duration.ofMinutes(31));
        assertThat(log.list(null, Map.of())).extracting(e -> e.getInvolvedObject().getName()).containsExactly("b");
        assertThatThrownBy(() -> log.list(null, Map.of("spec.x", "y"))).isInstanceOf(MinipodException.class)
                .hasMessageContaining("\"spec.x\" is not a known field selector");
    }
}
