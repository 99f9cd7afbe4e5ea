package dev.minipod.runtime.probe;

import java.time.Duration;
import java.time.Instant;

import dev.minipod.runtime.probe.ProbeResult.Outcome;
import io.fabric8.kubernetes.api.model.Probe;

/**
 * The kubelet's per-(container, probe) bookkeeping, pure: the caller passes {@code now}.
 * <ul>
 * <li>initial result: readiness FAILURE, liveness SUCCESS, startup UNKNOWN;</li>
 * <li>no run before startedAt + initialDelaySeconds, then every periodSeconds on a fixed cadence
 *     (a run that overruns skips the missed slots);</li>
 * <li>the result changes only after successThreshold consecutive successes or failureThreshold
 *     consecutive failures; UNKNOWN (an error) is dropped and does not break a streak;</li>
 * <li>liveness and startup go on hold once they flip to FAILURE (the container is to be
 *     restarted: a new container gets a new ProbeState); startup stops once it is SUCCESS.</li>
 * </ul>
 */
public final class ProbeState {
    public enum Kind {
        LIVENESS("Liveness"), READINESS("Readiness"), STARTUP("Startup");

        private final String label;

        Kind(String label) { this.label = label; }

        /** "Liveness", as in the event message "Liveness probe failed: ...". */
        public String label() { return label; }
    }

    /** The probe's timing fields; zero/null fields take the Kubernetes defaults. */
    public record Params(int initialDelaySeconds, int periodSeconds, int timeoutSeconds,
                         int successThreshold, int failureThreshold) {
        public Params {
            if (initialDelaySeconds < 0) initialDelaySeconds = 0;
            if (periodSeconds <= 0) periodSeconds = 10;
            if (timeoutSeconds <= 0) timeoutSeconds = 1;
            if (successThreshold <= 0) successThreshold = 1;
            if (failureThreshold <= 0) failureThreshold = 3;
        }

        /** initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3. */
        public static Params defaults() { return new Params(0, 0, 0, 0, 0); }

        public static Params of(Probe p) {
            return new Params(orZero(p.getInitialDelaySeconds()), orZero(p.getPeriodSeconds()), orZero(p.getTimeoutSeconds()),
                    orZero(p.getSuccessThreshold()), orZero(p.getFailureThreshold()));
        }

        private static int orZero(Integer i) { return i == null ? 0 : i; }

        public Duration timeout() { return Duration.ofSeconds(timeoutSeconds); }

        public Duration period() { return Duration.ofSeconds(periodSeconds); }
    }

    private final Kind kind;
    private final Params params;
    private Outcome result;
    private Outcome lastRun = Outcome.UNKNOWN;
    private int run;
    private Instant nextRunAt;
    private boolean onHold;

    public ProbeState(Kind kind, Params params, Instant containerStartedAt) {
        this.kind = kind;
        this.params = params;
        this.result = switch (kind) {
            case READINESS -> Outcome.FAILURE;
            case LIVENESS -> Outcome.SUCCESS;
            case STARTUP -> Outcome.UNKNOWN;
        };
        this.nextRunAt = containerStartedAt.plusSeconds(params.initialDelaySeconds());
    }

    public Kind kind() { return kind; }

    public Params params() { return params; }

    /** The current (thresholded) result. */
    public Outcome result() { return result; }

    /** When the probe should run next; meaningless while {@link #stopped()}. */
    public Instant nextRunAt() { return nextRunAt; }

    /** No more runs for this container: liveness/startup failed (restart pending) or startup succeeded. */
    public boolean stopped() {
        return onHold || (kind == Kind.STARTUP && result == Outcome.SUCCESS);
    }

    public boolean due(Instant now) {
        return !stopped() && !now.isBefore(nextRunAt);
    }

    /**
     * Records one run that happened at {@code now} and schedules the next.
     *
     * @return true when {@link #result()} changed
     */
    public boolean record(Instant now, Outcome outcome) {
        Duration period = params.period();
        Instant next = nextRunAt.plus(period);
        if (!next.isAfter(now)) {
            long behind = Duration.between(nextRunAt, now).toMillis() / period.toMillis() + 1;
            next = nextRunAt.plus(period.multipliedBy(behind));
        }
        nextRunAt = next;
        if (outcome == Outcome.UNKNOWN || stopped()) {
            return false;
        }
        if (outcome == lastRun) {
            run++;
        } else {
            lastRun = outcome;
            run = 1;
        }
        int needed = outcome == Outcome.FAILURE ? params.failureThreshold() : params.successThreshold();
        if (run < needed) {
            return false;
        }
        Outcome before = result;
        result = outcome;
        if (outcome == Outcome.FAILURE && kind != Kind.READINESS) {
            onHold = true;
            run = 0;
        }
        return before != result;
    }
}
