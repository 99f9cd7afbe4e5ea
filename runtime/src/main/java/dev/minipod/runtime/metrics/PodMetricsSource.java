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
 * working set. A reading younger than {@link #MIN_WINDOW} is topped up by waiting out the rest of
 * the window once for all pods of a request; older readings (up to {@link #MAX_AGE}) are reused.
 */
public final class PodMetricsSource {
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_AGE = Duration.ofMinutes(1);

    /** One pod to report: its object and the names of its running containers. */
    public record Target(Pod pod, List<String> runningContainers) {}

    private final Cgroups cgroups;
    private final LongSupplier nanoTime;
    private final Supplier<Instant> now;
    private final Map<String, CpuRate.Sample> previous = new ConcurrentHashMap<>();

    public PodMetricsSource(Cgroups cgroups, LongSupplier nanoTime, Supplier<Instant> now) {
        this.cgroups = cgroups;
        this.nanoTime = nanoTime;
        this.now = now;
    }

    /** PodMetrics objects (as JSON-ready maps) for the pods that have running containers. */
    public List<Map<String, Object>> metrics(List<Target> targets) {
        long t0 = nanoTime.getAsLong();
        long oldestNeeded = t0;
        for (Target t : targets) {
            for (String c : t.runningContainers()) {
                CpuRate.Sample p = previous.get(key(t, c));
                if (p == null || t0 - p.atNanos() > MAX_AGE.toNanos()) {
                    sample(t, c).ifPresent(u -> previous.put(key(t, c), new CpuRate.Sample(u.cpuNanos(), t0)));
                    p = previous.get(key(t, c));
                }
                if (p != null) {
                    oldestNeeded = Math.min(oldestNeeded, p.atNanos());
                }
            }
        }
        long wait = MIN_WINDOW.toNanos() - (t0 - oldestNeeded);
        if (wait > 0) {
            sleep(wait);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Target t : targets) {
            List<Map<String, Object>> containers = new ArrayList<>();
            long window = 0;
            for (String c : t.runningContainers()) {
                Optional<CgroupUsage> u = sample(t, c);
                CpuRate.Sample before = previous.get(key(t, c));
                if (u.isEmpty() || before == null) {
                    continue;
                }
                CpuRate.Sample after = new CpuRate.Sample(u.get().cpuNanos(), nanoTime.getAsLong());
                window = Math.max(window, after.atNanos() - before.atNanos());
                Map<String, Object> usage = new LinkedHashMap<>();
                usage.put("cpu", CpuRate.cpuQuantity(CpuRate.nanocores(before, after)));
                usage.put("memory", CpuRate.memoryQuantity(u.get().workingSetBytes()));
                containers.add(Map.of("name", c, "usage", usage));
                previous.put(key(t, c), after);
            }
            if (!containers.isEmpty()) {
                out.add(podMetrics(t.pod(), containers, window));
            }
        }
        forgetStale();
        return out;
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

    /** Readings of pods no longer asked about (or gone) are dropped once older than MAX_AGE. */
    private void forgetStale() {
        long now = nanoTime.getAsLong();
        previous.entrySet().removeIf(e -> now - e.getValue().atNanos() > MAX_AGE.toNanos());
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
