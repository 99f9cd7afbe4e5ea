package dev.minipod.runtime.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.minipod.runtime.cgroup.CgroupUsage;
import dev.minipod.runtime.cgroup.Cgroups;
import dev.minipod.runtime.status.Rfc3339;
import dev.minipod.runtime.sync.GoDuration;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * metrics.k8s.io PodMetrics from the container cgroups, the way metrics-server serves them to
 * {@code kubectl top}: CPU as a rate over a window (two cpuacct / cpu.stat readings), memory as the
 * working set. The rate is taken against the newest earlier reading at least {@link #MIN_WINDOW}
 * old (readings are kept up to {@link #MAX_AGE}); when there is none, the request waits out the rest
 * of the window once for all its pods. So repeated {@code top} calls answer at once.
 */
public final class PodMetricsSource {
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    /** One pod to report: its object and the names of its running containers. */
    public record Target(Pod pod, List<String> runningContainers) {}

    private final Cgroups cgroups;
    private final LongSupplier nanoTime;
    private final Supplier<Instant> now;
    private static final int KEEP = 16;
    /** Per container, its readings oldest first. */
    private final Map<String, java.util.Deque<CpuRate.Sample>> history = new ConcurrentHashMap<>();

    public PodMetricsSource(Cgroups cgroups, LongSupplier nanoTime, Supplier<Instant> now) {
        this.cgroups = cgroups;
        this.nanoTime = nanoTime;
        this.now = now;
    }

    /** PodMetrics objects (as JSON-ready maps) for the pods that have running containers. */
    public List<Map<String, Object>> metrics(List<Target> targets) {
        long t0 = nanoTime.getAsLong();
        long wait = 0;
        for (Target t : targets) {
            for (String c : t.runningContainers()) {
                if (windowStart(key(t, c), t0) == null) {
                    Optional<CgroupUsage> u = sample(t, c);
                    if (u.isPresent()) {
                        remember(key(t, c), new CpuRate.Sample(u.get().cpuNanos(), t0));
                        wait = MIN_WINDOW.toNanos();
                    }
                }
            }
        }
        if (wait > 0) {
            sleep(wait);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Target t : targets) {
            List<Map<String, Object>> containers = new ArrayList<>();
            long window = 0;
            for (String c : t.runningContainers()) {
                Optional<CgroupUsage> u = sample(t, c);
                long at = nanoTime.getAsLong();
                CpuRate.Sample before = windowStart(key(t, c), at);
                if (before == null) {
                    before = oldest(key(t, c)); // the clock did not move a whole window (a test's fake clock)
                }
                if (u.isEmpty() || before == null) {
                    continue;
                }
                CpuRate.Sample after = new CpuRate.Sample(u.get().cpuNanos(), at);
                window = Math.max(window, after.atNanos() - before.atNanos());
                Map<String, Object> usage = new LinkedHashMap<>();
                usage.put("cpu", CpuRate.cpuQuantity(CpuRate.nanocores(before, after)));
                usage.put("memory", CpuRate.memoryQuantity(u.get().workingSetBytes()));
                containers.add(Map.of("name", c, "usage", usage));
                remember(key(t, c), after);
            }
            if (!containers.isEmpty()) {
                out.add(podMetrics(t.pod(), containers, window));
            }
        }
        forgetStale();
        return out;
    }

    /** The newest reading at least MIN_WINDOW before {@code now}, or null. */
    private CpuRate.Sample windowStart(String key, long now) {
        java.util.Deque<CpuRate.Sample> h = history.get(key);
        if (h == null) {
            return null;
        }
        synchronized (h) {
            CpuRate.Sample found = null;
            for (CpuRate.Sample s : h) {
                if (now - s.atNanos() >= MIN_WINDOW.toNanos() && now - s.atNanos() <= MAX_AGE.toNanos()) {
                    found = s;
                }
            }
            return found;
        }
    }

    private CpuRate.Sample oldest(String key) {
        java.util.Deque<CpuRate.Sample> h = history.get(key);
        if (h == null) {
            return null;
        }
        synchronized (h) {
            return h.peekFirst();
        }
    }

    private void remember(String key, CpuRate.Sample s) {
        java.util.Deque<CpuRate.Sample> h = history.computeIfAbsent(key, k -> new java.util.ArrayDeque<>());
        synchronized (h) {
            // a burst of requests keeps a few spread-out readings rather than many close ones
            if (!h.isEmpty() && s.atNanos() - h.peekLast().atNanos() < MIN_WINDOW.toNanos() / 4) {
                return;
            }
            h.addLast(s);
            while (h.size() > KEEP) {
                h.removeFirst();
            }
        }
    }

    private Map<String, Object> podMetrics(Pod pod, List<Map<String, Object>> containers, long windowNanos) {
        Instant at = now.get();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", pod.getMetadata().getName());
        meta.put("namespace", pod.getMetadata().getNamespace());
        meta.put("creationTimestamp", Rfc3339.format(at));
        if (pod.getMetadata().getLabels() != null) {
            meta.put("labels", pod.getMetadata().getLabels());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "PodMetrics");
        m.put("apiVersion", "metrics.k8s.io/v1beta1");
        m.put("metadata", meta);
        m.put("timestamp", Rfc3339.format(at));
        m.put("window", GoDuration.format(Duration.ofNanos(windowNanos).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        m.put("containers", containers);
        return m;
    }

    private Optional<CgroupUsage> sample(Target t, String container) {
        return cgroups.usage(t.pod().getMetadata().getUid(), container);
    }

    private static String key(Target t, String container) {
        return t.pod().getMetadata().getUid() + "/" + container;
    }

    /** Readings older than MAX_AGE go, and with them the containers no longer asked about. */
    private void forgetStale() {
        long now = nanoTime.getAsLong();
        history.values().forEach(h -> {
            synchronized (h) {
                h.removeIf(s -> now - s.atNanos() > MAX_AGE.toNanos());
            }
        });
        history.values().removeIf(java.util.Deque::isEmpty);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
