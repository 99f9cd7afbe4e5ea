package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mirrors kubelet doBackOff / client-go flowcontrol backoff_test (TestSlowBackoff, TestBackoffReset). */
class BackoffTest {

    private static final String KEY = Backoff.key("web", "default", "uid-1", "app");
    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");

    @Test
    void keyIsPodNamespaceUidContainer() {
        assertThat(KEY).isEqualTo("web_default_uid-1_app");
    }

    @Test
    void firstExitRestartsImmediately() {
        Backoff b = Backoff.kubeletDefaults();
        assertThat(b.inBackoff(KEY, T0, T0)).isFalse();
        assertThat(b.delay(KEY)).isEqualTo(Duration.ZERO);
        b.next(KEY, T0, T0);
        assertThat(b.delay(KEY)).isEqualTo(Duration.ofSeconds(10));
    }

    /** A container that crashes right after each restart: 10, 20, 40, 80, 160, 300, 300 s. */
    @Test
    void crashLoopDoublesToCap() {
        Backoff b = Backoff.kubeletDefaults();
        Instant now = T0;
        b.next(KEY, now, now); // first exit: immediate restart
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant finished = now.plusSeconds(1); // ran one second
            Duration delay = b.delay(KEY);
            assertThat(b.inBackoff(KEY, finished, finished)).isTrue();
            assertThat(b.inBackoff(KEY, finished, finished.plus(delay).minusMillis(1))).isTrue();
            assertThat(b.inBackoff(KEY, finished, finished.plus(delay))).isFalse();
            delays.add(delay.toSeconds());
            now = finished.plus(delay);
            b.next(KEY, finished, now);
        }
        assertThat(delays).containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    }

    @Test
    void resetsAfterRunningLongerThanTenMinutes() {
        Backoff b = Backoff.kubeletDefaults();
        b.next(KEY, T0, T0);
        b.next(KEY, T0.plusSeconds(11), T0.plusSeconds(21));
        b.next(KEY, T0.plusSeconds(22), T0.plusSeconds(42));
        assertThat(b.delay(KEY)).isEqualTo(Duration.ofSeconds(40));

        Instant lastUpdate = T0.plusSeconds(42);
        Instant finished = lastUpdate.plusSeconds(601); // ran just over 10 minutes
        assertThat(b.inBackoff(KEY, finished, finished)).isFalse();
        b.next(KEY, finished, finished);
        assertThat(b.delay(KEY)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void noResetAtExactlyTenMinutes() {
        Backoff b = Backoff.kubeletDefaults();
        b.next(KEY, T0, T0);
        Instant finished = T0.plusSeconds(600);
        assertThat(b.inBackoff(KEY, finished, finished)).isTrue();
        b.next(KEY, finished, finished.plusSeconds(10));
        assertThat(b.delay(KEY)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void smallConfiguredValuesForTests() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1));
        Instant now = T0;
        List<Duration> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            b.next(KEY, now, now);
            seen.add(b.delay(KEY));
            now = now.plusMillis(10);
        }
        assertThat(seen).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(300));
        b.next(KEY, now.plusSeconds(2), now.plusSeconds(2));
        assertThat(b.delay(KEY)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void gcDropsIdleEntriesAndKeysAreIndependent() {
        Backoff b = Backoff.kubeletDefaults();
        String other = Backoff.key("web", "default", "uid-1", "sidecar");
        b.next(KEY, T0, T0);
        b.next(KEY, T0, T0);
        b.next(other, T0.plusSeconds(500), T0.plusSeconds(500));
        assertThat(b.delay(KEY)).isEqualTo(Duration.ofSeconds(20));
        assertThat(b.delay(other)).isEqualTo(Duration.ofSeconds(10));
        b.gc(T0.plusSeconds(700));
        assertThat(b.delay(KEY)).isEqualTo(Duration.ZERO);
        assertThat(b.delay(other)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void messageMatchesKubelet() {
        assertThat(Backoff.message(Duration.ofSeconds(40), "app", "web", "default", "uid-1"))
                .isEqualTo("back-off 40s restarting failed container=app pod=web_default(uid-1)");
        assertThat(Backoff.message(Duration.ofSeconds(300), "app", "web", "default", "uid-1"))
                .isEqualTo("back-off 5m0s restarting failed container=app pod=web_default(uid-1)");
    }

    @Test
    void rejectsNonsenseConfiguration() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cap");
    }
}
