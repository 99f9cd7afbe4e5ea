package dev.minipod.runtime.probe;

import static dev.minipod.runtime.probe.ProbeResult.Outcome.FAILURE;
import static dev.minipod.runtime.probe.ProbeResult.Outcome.SUCCESS;
import static dev.minipod.runtime.probe.ProbeResult.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.minipod.runtime.probe.ProbeResult.Outcome;
import dev.minipod.runtime.probe.ProbeState.Kind;
import dev.minipod.runtime.probe.ProbeState.Params;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

class ProbeStateTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) { return T0.plusMillis((long) (seconds * 1000)); }

    @Test
    void defaults() {
        assertThat(Params.defaults()).isEqualTo(new Params(0, 10, 1, 1, 3));
        assertThat(Params.of(new ProbeBuilder().withPeriodSeconds(5).build())).isEqualTo(new Params(0, 5, 1, 1, 3));
        assertThat(Params.of(new ProbeBuilder().withInitialDelaySeconds(7).withTimeoutSeconds(2).withSuccessThreshold(2)
                .withFailureThreshold(1).build())).isEqualTo(new Params(7, 10, 2, 2, 1));
    }

    @Test
    void initialResults() {
        assertThat(new ProbeState(Kind.READINESS, Params.defaults(), T0).result()).isEqualTo(FAILURE);
        assertThat(new ProbeState(Kind.LIVENESS, Params.defaults(), T0).result()).isEqualTo(SUCCESS);
        assertThat(new ProbeState(Kind.STARTUP, Params.defaults(), T0).result()).isEqualTo(UNKNOWN);
    }

    /** Feeds runs one per period and returns the result after each (S/F/U letters). */
    private static String feed(Kind kind, Params p, String runs) {
        ProbeState s = new ProbeState(kind, p, T0);
        StringBuilder out = new StringBuilder();
        for (char c : runs.toCharArray()) {
            Outcome o = c == 'S' ? SUCCESS : c == 'F' ? FAILURE : UNKNOWN;
            s.record(s.nextRunAt(), o);
            out.append(s.result().name().charAt(0));
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0} succ={1} fail={2}: {3} -> {4}")
    @CsvSource({
        "READINESS, 1, 3, S,         S",
        "READINESS, 1, 3, FFF,       FFF",
        "READINESS, 1, 3, SFFSFFF,   SSSSSSF",
        "READINESS, 3, 1, SSSF,      FFSF",
        "READINESS, 2, 2, SUSFUS,    FFSSSS",
        "READINESS, 2, 2, SSFUF,     FSSSF",
        "LIVENESS,  1, 3, FF,        SS",
        "LIVENESS,  1, 3, FFSFF,     SSSSS",
        "LIVENESS,  1, 3, FFUF,      SSSF",
        "LIVENESS,  1, 1, F,         F",
        "LIVENESS,  1, 3, FFFSSS,    SSFFFF",
        "STARTUP,   1, 3, FFS,       UUS",
        "STARTUP,   1, 3, UUU,       UUU",
        "STARTUP,   1, 2, FF,        UF",
        "STARTUP,   1, 3, SFFF,      SSSS",
    })
    void thresholds(Kind kind, int succ, int fail, String runs, String expected) {
        assertThat(feed(kind, new Params(0, 10, 1, succ, fail), runs)).isEqualTo(expected);
    }

    @Test
    void livenessHoldsAfterFailureAndStartupStopsAfterSuccess() {
        ProbeState l = new ProbeState(Kind.LIVENESS, new Params(0, 10, 1, 1, 1), T0);
        assertThat(l.record(at(0), FAILURE)).isTrue();
        assertThat(l.stopped()).isTrue();
        assertThat(l.due(at(100))).isFalse();
        ProbeState s = new ProbeState(Kind.STARTUP, Params.defaults(), T0);
        assertThat(s.record(at(0), SUCCESS)).isTrue();
        assertThat(s.stopped()).isTrue();
        ProbeState r = new ProbeState(Kind.READINESS, new Params(0, 10, 1, 1, 1), T0);
        r.record(at(0), FAILURE);
        assertThat(r.stopped()).isFalse();
    }

    @Test
    void initialDelayAndFixedCadence() {
        ProbeState s = new ProbeState(Kind.READINESS, new Params(5, 10, 1, 1, 3), T0);
        assertThat(s.nextRunAt()).isEqualTo(at(5));
        assertThat(s.due(at(4.999))).isFalse();
        assertThat(s.due(at(5))).isTrue();
        s.record(at(5.3), SUCCESS);        // a run that took 0.3 s keeps the cadence
        assertThat(s.nextRunAt()).isEqualTo(at(15));
        s.record(at(47), SUCCESS);         // late by three periods: skips to the next slot after now
        assertThat(s.nextRunAt()).isEqualTo(at(55));
    }

    @Test
    void startupGatesLivenessAndReadiness() {
        ContainerProbes p = new ContainerProbes(T0, new Params(0, 10, 1, 1, 3), new Params(0, 10, 1, 1, 3), new Params(0, 5, 1, 1, 3));
        assertThat(p.started()).isFalse();
        assertThat(p.ready()).isFalse();
        assertThat(p.livenessFailed()).isFalse();
        assertThat(p.due(at(0))).containsExactly(Kind.STARTUP);
        p.record(Kind.STARTUP, at(0), ProbeResult.failure("x"));
        assertThat(p.nextRunAt()).isEqualTo(at(5));
        assertThat(p.due(at(5))).containsExactly(Kind.STARTUP);
        p.record(Kind.STARTUP, at(5), ProbeResult.success(""));
        assertThat(p.started()).isTrue();
        assertThat(p.ready()).isFalse();
        assertThat(p.due(at(5))).containsExactly(Kind.LIVENESS, Kind.READINESS);
        p.record(Kind.READINESS, at(5), ProbeResult.success(""));
        assertThat(p.ready()).isTrue();
        for (int i = 0; i < 3; i++) p.record(Kind.LIVENESS, at(5 + 10 * i), ProbeResult.failure("boom"));
        assertThat(p.livenessFailed()).isTrue();
        assertThat(p.due(at(1000))).isEmpty();
        assertThat(p.nextRunAt()).isNull();
    }

    @Test
    void startupFailureStopsEverything() {
        ContainerProbes p = new ContainerProbes(T0, Params.defaults(), null, new Params(0, 1, 1, 1, 2));
        p.record(Kind.STARTUP, at(0), ProbeResult.failure(""));
        p.record(Kind.STARTUP, at(1), ProbeResult.failure(""));
        assertThat(p.startupFailed()).isTrue();
        assertThat(p.started()).isFalse();
        assertThat(p.due(at(100))).isEmpty();
    }

    @Test
    void noProbesMeansStartedAndReady() {
        ContainerProbes p = ContainerProbes.of(new ContainerBuilder().withName("c").build(), T0);
        assertThat(p.started()).isTrue();
        assertThat(p.ready()).isTrue();
        assertThat(p.due(at(0))).isEmpty();
        assertThat(p.nextRunAt()).isNull();
    }

    @Test
    void readinessOnlyStartsNotReady() {
        ContainerProbes p = ContainerProbes.of(new ContainerBuilder().withName("c")
                .withReadinessProbe(new ProbeBuilder().withInitialDelaySeconds(3).build()).build(), T0);
        assertThat(p.started()).isTrue();
        assertThat(p.ready()).isFalse();
        List<Kind> due = new ArrayList<>(p.due(at(2)));
        assertThat(due).isEmpty();
        assertThat(p.due(at(3))).containsExactly(Kind.READINESS);
    }
}
