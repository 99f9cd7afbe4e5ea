package dev.minipod.runtime.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.minipod.runtime.probe.ProbeResult.Outcome;
import dev.minipod.runtime.probe.ProbeState.Kind;
import dev.minipod.runtime.probe.ProbeState.Params;
import io.fabric8.kubernetes.api.model.Container;

/**
 * The three probes of one container instance and how they gate each other: liveness and readiness
 * do not run until the container has started (startup probe SUCCESS, or no startup probe).
 * Pure: the worker passes {@code now}, runs the probes {@link #due} returns, and feeds back results.
 */
public final class ContainerProbes {
    private final Map<Kind, ProbeState> states = new EnumMap<>(Kind.class);

    /** null params: the container has no such probe. */
    public ContainerProbes(Instant startedAt, Params liveness, Params readiness, Params startup) {
        if (liveness != null) states.put(Kind.LIVENESS, new ProbeState(Kind.LIVENESS, liveness, startedAt));
        if (readiness != null) states.put(Kind.READINESS, new ProbeState(Kind.READINESS, readiness, startedAt));
        if (startup != null) states.put(Kind.STARTUP, new ProbeState(Kind.STARTUP, startup, startedAt));
    }

    public static ContainerProbes of(Container c, Instant startedAt) {
        return new ContainerProbes(startedAt,
                c.getLivenessProbe() == null ? null : Params.of(c.getLivenessProbe()),
                c.getReadinessProbe() == null ? null : Params.of(c.getReadinessProbe()),
                c.getStartupProbe() == null ? null : Params.of(c.getStartupProbe()));
    }

    public Optional<ProbeState> state(Kind kind) { return Optional.ofNullable(states.get(kind)); }

    /** Startup probe SUCCESS, or no startup probe. */
    public boolean started() {
        ProbeState s = states.get(Kind.STARTUP);
        return s == null || s.result() == Outcome.SUCCESS;
    }

    /** Started, and readiness SUCCESS (or no readiness probe). */
    public boolean ready() {
        ProbeState r = states.get(Kind.READINESS);
        return started() && (r == null || r.result() == Outcome.SUCCESS);
    }

    /** Liveness flipped to FAILURE: kill the container ("failed liveness probe, will be restarted"). */
    public boolean livenessFailed() {
        ProbeState l = states.get(Kind.LIVENESS);
        return l != null && l.result() == Outcome.FAILURE;
    }

    /** Startup flipped to FAILURE: kill the container ("failed startup probe, will be restarted"). */
    public boolean startupFailed() {
        ProbeState s = states.get(Kind.STARTUP);
        return s != null && s.result() == Outcome.FAILURE;
    }

    private boolean runnable(ProbeState s) {
        if (s.stopped() || livenessFailed() || startupFailed()) return false;
        return s.kind() == Kind.STARTUP || started();
    }

    /** The probes to run now, startup first. */
    public List<Kind> due(Instant now) {
        List<Kind> out = new ArrayList<>();
        for (Kind k : List.of(Kind.STARTUP, Kind.LIVENESS, Kind.READINESS)) {
            ProbeState s = states.get(k);
            if (s != null && runnable(s) && s.due(now)) out.add(k);
        }
        return out;
    }

    /** The earliest time any runnable probe is due, or null when none will run (sleep until a restart). */
    public Instant nextRunAt() {
        Instant best = null;
        for (ProbeState s : states.values()) {
            if (runnable(s) && (best == null || s.nextRunAt().isBefore(best))) best = s.nextRunAt();
        }
        return best;
    }

    /** @return true when that probe's result changed */
    public boolean record(Kind kind, Instant now, ProbeResult r) {
        ProbeState s = states.get(kind);
        if (s == null) throw new IllegalArgumentException("no " + kind.label() + " probe");
        return s.record(now, r.outcome());
    }
}
