package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.sync.ContainerRecord.Terminated;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerRecordTest {

    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");

    @Test
    void lifeOfARestartedContainer() {
        var r = ContainerRecord.fresh("app", false);
        assertThat(r.awaitingStart()).isTrue();
        assertThat(r.everCreated()).isFalse();
        r = r.started("c1", T0, 42);
        assertThat(r.isRunning()).isTrue();
        r = r.exited(Terminated.exit(1, 0, T0, T0.plusSeconds(3), "c1"));
        assertThat(r.current().reason()).isEqualTo("Error");
        r = r.waiting(new ContainerRecord.Waiting("CrashLoopBackOff", "back-off 10s ..."));
        r = r.restarted();
        assertThat(r.restartCount()).isEqualTo(1);
        assertThat(r.waiting()).isNull();
        assertThat(r.last().containerId()).isEqualTo("c1");
        assertThat(r.awaitingStart()).isTrue();
        r = r.started("c2", T0.plusSeconds(13), 43);
        assertThat(r.running().containerId()).isEqualTo("c2");
        assertThat(r.lastExit().exitCode()).isEqualTo(1);
    }

    @Test
    void exitReasons() {
        assertThat(Terminated.exit(0, 0, T0, T0, "c").reason()).isEqualTo("Completed");
        assertThat(Terminated.exit(137, 9, T0, T0, "c").reason()).isEqualTo("Error");
        var se = Terminated.startError("boom", T0, "c");
        assertThat(se.exitCode()).isEqualTo(128);
        assertThat(se.reason()).isEqualTo("StartError");
        assertThat(se.startedAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void startFailedIsRunContainerErrorOverStartError() {
        var r = ContainerRecord.fresh("app", false).startFailed("c1", "exec failed", T0);
        assertThat(r.waiting()).isEqualTo(new ContainerRecord.Waiting("RunContainerError", "exec failed"));
        assertThat(r.current().reason()).isEqualTo("StartError");
    }

    @Test
    void misuseIsRejected() {
        var exited = ContainerRecord.fresh("app", false).started("c1", T0, 1)
                .exited(Terminated.exit(0, 0, T0, T0, "c1"));
        assertThatThrownBy(() -> exited.started("c2", T0, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("restarted()");
        assertThatThrownBy(() -> ContainerRecord.fresh("app", false).restarted())
                .isInstanceOf(IllegalStateException.class);
    }

    @org.junit.jupiter.api.Test
    void oomKilledNeedsTheMainProcessKilledBySigkillAndAnOomKillInItsCgroup() {
        java.time.Instant t0 = java.time.Instant.EPOCH;
        java.time.Instant t1 = t0.plusSeconds(1);
        org.assertj.core.api.Assertions.assertThat(ContainerRecord.Terminated.exit(137, 9, 1, t0, t1, "id").reason()).isEqualTo("OOMKilled");
        // killed by the runtime (grace expired, liveness): no OOM kill counted
        org.assertj.core.api.Assertions.assertThat(ContainerRecord.Terminated.exit(137, 9, 0, t0, t1, "id").reason()).isEqualTo("Error");
        // a child was OOM-killed, the main process went on and exited by itself
        org.assertj.core.api.Assertions.assertThat(ContainerRecord.Terminated.exit(0, 0, 1, t0, t1, "id").reason()).isEqualTo("Completed");
        org.assertj.core.api.Assertions.assertThat(ContainerRecord.Terminated.exit(3, 0, 2, t0, t1, "id").reason()).isEqualTo("Error");
        org.assertj.core.api.Assertions.assertThat(ContainerRecord.Terminated.exit(143, 15, 1, t0, t1, "id").reason()).isEqualTo("Error");
        org.assertj.core.api.Assertions.assertThat(ContainerRecord.Terminated.exit(137, 9, 1, t0, t1, "id").exitCode()).isEqualTo(137);
    }
}
