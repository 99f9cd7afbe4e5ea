package dev.minipod.runtime.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-container restart back-off, as the kubelet's CrashLoopBackOff (doBackOff over client-go
 * flowcontrol.Backoff with the kubelet's expiry rule). No jitter.
 *
 * <ul>
 *   <li>First exit: no entry, so the container restarts at once; {@link #next} then sets the delay to
 *       {@code initial} (10 s).</li>
 *   <li>Each further restart doubles the delay up to {@code cap}: 10, 20, 40, 80, 160, 300, 300 ... s.</li>
 *   <li>In back-off iff {@code now - lastFinishedAt < delay}.</li>
 *   <li>Reset: when the exited instance finished more than {@code resetAfter} (600 s) after the last
 *       restart, {@link #next} starts again from {@code initial}; an entry idle that long is also not
 *       in back-off and is dropped by {@link #gc}.</li>
 * </ul>
 * Keys are {@link #key}: {@code <pod>_<namespace>_<uid>_<container>}. The only mutable class in
 * {@code sync}; its methods are synchronized so one instance can serve every pod worker.
 */
public final class Backoff {

    public static final Duration DEFAULT_INITIAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(300);
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofSeconds(600);

    private record Entry(Duration delay, Instant lastUpdate) {
    }

    private final Duration initial;
    private final Duration cap;
    private final Duration resetAfter;
    private final Map<String, Entry> entries = new HashMap<>();

    public Backoff(Duration initial, Duration cap, Duration resetAfter) {
        this.initial = positive(initial, "initial");
        this.cap = positive(cap, "cap");
        this.resetAfter = positive(resetAfter, "resetAfter");
        if (cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off cap " + cap + " is below initial " + initial);
        }
    }

    /** Initial and cap as given; reset after the kubelet's 600 s. */
    public Backoff(Duration initial, Duration cap) {
        this(initial, cap, DEFAULT_RESET_AFTER);
    }

    /** Kubelet defaults: 10 s doubling to 300 s, reset after 600 s. */
    public static Backoff kubeletDefaults() {
        return new Backoff(DEFAULT_INITIAL, DEFAULT_CAP, DEFAULT_RESET_AFTER);
    }

    /** The back-off key of one container: {@code <pod>_<namespace>_<uid>_<container>}. */
    public static String key(String pod, String namespace, String uid, String container) {
        return pod + "_" + namespace + "_" + uid + "_" + container;
    }

    /** True while a restart of the instance that finished at {@code lastFinishedAt} must wait. */
    public synchronized boolean inBackoff(String key, Instant lastFinishedAt, Instant now) {
        Entry e = entries.get(key);
        if (e == null || expired(now, e)) {
            return false;
        }
        return Duration.between(lastFinishedAt, now).compareTo(e.delay) < 0;
    }

    /**
     * Records a restart of the instance that finished at {@code lastFinishedAt}, decided at {@code now}:
     * a new entry (or one whose container ran longer than {@code resetAfter}) gets {@code initial},
     * otherwise the delay doubles up to {@code cap}.
     */
    public synchronized void next(String key, Instant lastFinishedAt, Instant now) {
        Entry e = entries.get(key);
        Duration delay;
        if (e == null || expired(lastFinishedAt, e)) {
            delay = initial;
        } else {
            Duration doubled = e.delay.multipliedBy(2);
            delay = doubled.compareTo(cap) > 0 ? cap : doubled;
        }
        entries.put(key, new Entry(delay, now));
    }

    /** {@link #next(String, Instant, Instant)} when the exit time is not known: the exit is taken as {@code now}. */
    public void next(String key, Instant now) {
        next(key, now, now);
    }

    /** The current delay for {@code key}; zero when there is no entry. */
    public synchronized Duration delay(String key) {
        Entry e = entries.get(key);
        return e == null ? Duration.ZERO : e.delay;
    }

    /** Forgets one container (pod deleted). */
    public synchronized void reset(String key) {
        entries.remove(key);
    }

    /** Drops entries not updated for longer than {@code resetAfter}. */
    public synchronized void gc(Instant now) {
        entries.values().removeIf(e -> expired(now, e));
    }

    /** The kubelet's waiting message: {@code back-off 40s restarting failed container=NAME pod=POD_NS(UID)}. */
    public static String message(Duration delay, String container, String pod, String namespace, String uid) {
        return "back-off " + GoDuration.format(delay) + " restarting failed container=" + container
                + " pod=" + pod + "_" + namespace + "(" + uid + ")";
    }

    private boolean expired(Instant eventTime, Entry e) {
        return Duration.between(e.lastUpdate, eventTime).compareTo(resetAfter) > 0;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("back-off " + what + " must be positive, got " + d);
        }
        return d;
    }
}
