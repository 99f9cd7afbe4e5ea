package dev.minipod.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.minipod.runtime.cgroup.CgroupHost;
import dev.minipod.runtime.cgroup.CgroupV2Driver;
import dev.minipod.runtime.cgroup.Cgroups;
import dev.minipod.runtime.cgroup.CpuManager;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** PodMetrics from cgroup counters with a fake clock: the window, the rate, reuse of a recent reading. */
class PodMetricsSourceTest {
    @TempDir
    Path root;

    static void write(Path f, String s) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, s);
    }

    @Test
    @SuppressWarnings("unchecked")
    void cpuIsARateOverTheWindowAndMemoryTheWorkingSet() throws IOException {
        Path app = root.resolve("mp/kubepods/burstable/podu1/app");
        write(app.resolve("cpu.stat"), "usage_usec 1000000\n");
        write(app.resolve("memory.current"), "8388608");
        write(app.resolve("memory.stat"), "inactive_file 4194304\n");
        write(root.resolve("cgroup.controllers"), "cpu memory");
        Cgroups cgroups = new Cgroups(new CgroupV2Driver(root, new CgroupHost() {
            public void kill(int pid) {}

            public boolean rmdir(Path dir) { return false; }
        }, false), "mp", -1, CpuManager.none());
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("u1").endMetadata().build();
        PodMetricsSource source = new PodMetricsSource(cgroups, nanos::get, () -> Instant.parse("2026-01-02T03:04:05Z"));
        PodMetricsSource.Target target = new PodMetricsSource.Target(pod, List.of("app"));

        // a first reading 2 s ago (an earlier request), then 0.5 CPU-seconds more: a quarter core
        source.metrics(List.of(target)); // no earlier reading: it waits out the (short, real) minimum window
        nanos.addAndGet(2_000_000_000L);
        write(app.resolve("cpu.stat"), "usage_usec 1500000\n");
        List<Map<String, Object>> out = source.metrics(List.of(target));

        assertThat(out).hasSize(1);
        Map<String, Object> m = out.get(0);
        assertThat(m).containsEntry("kind", "PodMetrics").containsEntry("window", "2s").containsEntry("timestamp", "2026-01-02T03:04:05Z");
        Map<String, Object> usage = (Map<String, Object>) ((List<Map<String, Object>>) m.get("containers")).get(0).get("usage");
        assertThat(usage).containsEntry("cpu", "250000000n").containsEntry("memory", "4096Ki");
        assertThat(source.metrics(List.of(new PodMetricsSource.Target(pod, List.of())))).as("no running container, no metrics").isEmpty();
    }
}
