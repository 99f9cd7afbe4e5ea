package dev.minipod.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.plan.ContainerResources;
import dev.minipod.runtime.plan.QosClass;
import dev.minipod.runtime.state.AtomicFiles;

/**
 * The kubelet's static CPU manager policy, small: a container of a Guaranteed pod whose cpu request
 * is a whole number of CPUs gets that many CPUs of its own, taken from the shared pool but never
 * from the reserved CPUs; every other container runs on the shared pool (all CPUs minus the
 * exclusive ones, reserved included). Assignments survive a daemon restart in a state file, like
 * the kubelet's cpu_manager_state. Policy "none" (the default) touches no cpuset at all.
 */
public final class CpuManager {
    private final boolean enabled;
    private final SortedSet<Integer> all;
    private final SortedSet<Integer> reserved;
    private final Path stateFile;
    private final Map<String, SortedSet<Integer>> assigned = new TreeMap<>();

    private CpuManager(boolean enabled, SortedSet<Integer> all, SortedSet<Integer> reserved, Path stateFile) {
        this.enabled = enabled;
        this.all = all;
        this.reserved = reserved;
        this.stateFile = stateFile;
    }

    public static CpuManager none() {
        return new CpuManager(false, new TreeSet<>(), new TreeSet<>(), null);
    }

    /**
     * The static policy over these CPUs. Like the kubelet, it needs at least one reserved CPU
     * (the shared pool must never run empty).
     */
    public static CpuManager staticPolicy(SortedSet<Integer> all, SortedSet<Integer> reserved, Path stateFile) {
        if (reserved.isEmpty()) {
            throw MinipodException.invalid("daemon: the static CPU manager policy needs `--reserved-cpus` (at least one CPU)");
        }
        if (!all.containsAll(reserved)) {
            throw MinipodException.invalid("daemon: reserved cpus `" + CpuSet.format(reserved) + "` are not all in the node's cpus `"
                    + CpuSet.format(all) + "`");
        }
        CpuManager m = new CpuManager(true, new TreeSet<>(all), new TreeSet<>(reserved), stateFile);
        m.load();
        return m;
    }

    public boolean enabled() { return enabled; }

    /** Exclusive CPUs for this container when the policy grants them; fails when too few are free. */
    public synchronized Optional<String> allocate(String key, String qosClass, ContainerResources r) {
        if (!enabled || !QosClass.GUARANTEED.equals(qosClass) || r.cpuRequestMilli() == null
                || r.cpuRequestMilli() == 0 || r.cpuRequestMilli() % 1000 != 0) {
            return Optional.empty();
        }
        SortedSet<Integer> mine = assigned.get(key);
        if (mine != null) {
            return Optional.of(CpuSet.format(mine));
        }
        int want = (int) (r.cpuRequestMilli() / 1000);
        SortedSet<Integer> free = new TreeSet<>(sharedPool());
        free.removeAll(reserved);
        if (free.size() < want) {
            throw MinipodException.failure("UnexpectedAdmissionError", "not enough cpus available to satisfy request: requested="
                    + want + ", available=" + free.size());
        }
        SortedSet<Integer> take = new TreeSet<>(free.stream().limit(want).toList());
        assigned.put(key, take);
        save();
        return Optional.of(CpuSet.format(take));
    }

    /** Returns a container's exclusive CPUs to the shared pool; true when it had any. */
    public synchronized boolean release(String key) {
        if (assigned.remove(key) == null) {
            return false;
        }
        save();
        return true;
    }

    /** Drops the assignments of containers that no longer exist (after a crash). */
    public synchronized boolean retain(Predicate<String> alive) {
        boolean changed = assigned.keySet().removeIf(alive.negate());
        if (changed) {
            save();
        }
        return changed;
    }

    public synchronized boolean isExclusive(String key) {
        return assigned.containsKey(key);
    }

    /** All CPUs minus the exclusively assigned ones. */
    public synchronized String sharedCpus() {
        return CpuSet.format(sharedPool());
    }

    private SortedSet<Integer> sharedPool() {
        SortedSet<Integer> pool = new TreeSet<>(all);
        assigned.values().forEach(pool::removeAll);
        return pool;
    }

    private void load() {
        try {
            for (String line : Files.readAllLines(stateFile)) {
                String[] f = line.split(" ");
                if (f.length == 2) {
                    assigned.put(f[0], CpuSet.parse(f[1]));
                }
            }
        } catch (NoSuchFileException e) {
            // first start
        } catch (IOException e) {
            throw new UncheckedIOException("read `" + stateFile + "`", e);
        }
    }

    private void save() {
        StringBuilder b = new StringBuilder();
        assigned.forEach((k, v) -> b.append(k).append(' ').append(CpuSet.format(v)).append('\n'));
        try {
            if (assigned.isEmpty()) {
                Files.deleteIfExists(stateFile);
            } else {
                AtomicFiles.write(stateFile, b.toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("write `" + stateFile + "`", e);
        }
    }
}
