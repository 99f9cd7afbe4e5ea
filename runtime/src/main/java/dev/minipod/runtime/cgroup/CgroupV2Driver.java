package dev.minipod.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.minipod.runtime.plan.CgroupLimits;

/**
 * cgroup v2: one unified hierarchy. Each new level gets the controllers enabled in its parent's
 * cgroup.subtree_control; limits are cpu.weight (the kubelet's shares-to-weight conversion),
 * cpu.max, memory.max with memory.swap.max 0 (no swap) and pids.max. Processes only ever live in
 * leaves (the pod's sandbox and container cgroups), as v2's no-internal-process rule requires.
 */
public final class CgroupV2Driver implements CgroupDriver {
    static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids");

    private final CgroupTree tree;
    private final boolean cpuset;

    /** @param cpuset also enable the cpuset controller (static CPU policy) */
    public CgroupV2Driver(Path mount, CgroupHost host, boolean cpuset) {
        this.tree = new CgroupTree(mount, host);
        this.cpuset = cpuset && available(mount).contains("cpuset");
    }

    static List<String> available(Path dir) {
        try {
            return Arrays.asList(Files.readString(dir.resolve("cgroup.controllers")).trim().split("\\s+"));
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Override
    public String version() { return "v2"; }

    @Override
    public boolean managesCpuset() { return cpuset; }

    @Override
    public String allCpus() {
        return tree.read(tree.root().resolve("cpuset.cpus.effective")).orElse("").trim();
    }

    @Override
    public void create(String path, CgroupLimits limits) {
        tree.mkdirs(path, this::enableControllers, (parent, child) -> { });
        Path d = tree.dir(path);
        tree.write(d.resolve("cpu.weight"), Long.toString(CgroupLimits.sharesToWeight(limits.cpuShares())));
        if (limits.cpuQuotaUs() != CgroupLimits.UNLIMITED) {
            tree.write(d.resolve("cpu.max"), limits.cpuQuotaUs() + " " + limits.cpuPeriodUs());
        }
        if (limits.memoryBytes() != CgroupLimits.UNLIMITED) {
            tree.write(d.resolve("memory.max"), Long.toString(limits.memoryBytes()));
            if (Files.exists(d.resolve("memory.swap.max"))) {
                tree.write(d.resolve("memory.swap.max"), "0");
            }
        }
        if (limits.pidsMax() != CgroupLimits.UNLIMITED) {
            tree.write(d.resolve("pids.max"), Long.toString(limits.pidsMax()));
        }
    }

    /** Delegates the controllers minipod uses to dir's children (those dir itself has). */
    private void enableControllers(Path dir) {
        List<String> have = available(dir);
        List<String> enable = new ArrayList<>();
        for (String c : cpuset ? List.of("cpuset", "cpu", "memory", "pids") : CONTROLLERS) {
            if (have.contains(c)) {
                enable.add("+" + c);
            }
        }
        String current = tree.read(dir.resolve("cgroup.subtree_control")).orElse("");
        List<String> missing = enable.stream().filter(e -> !Arrays.asList(current.trim().split("\\s+")).contains(e.substring(1))).toList();
        if (!missing.isEmpty()) {
            tree.write(dir.resolve("cgroup.subtree_control"), String.join(" ", missing));
        }
    }

    @Override
    public void setCpus(String path, String cpus) {
        if (cpuset && Files.isDirectory(tree.dir(path))) {
            tree.write(tree.dir(path).resolve("cpuset.cpus"), cpus);
        }
    }

    @Override
    public List<Path> procsFiles(String path) {
        Path f = tree.dir(path).resolve("cgroup.procs");
        return Files.exists(f) ? List.of(f) : List.of();
    }

    @Override
    public java.util.Map<String, Path> dirs(String path) {
        return exists(path) ? java.util.Map.of("", tree.dir(path)) : java.util.Map.of();
    }

    @Override
    public boolean exists(String path) {
        return Files.isDirectory(tree.dir(path));
    }

    @Override
    public List<String> children(String path) {
        return tree.children(path);
    }

    @Override
    public void remove(String path) {
        tree.remove(path);
    }

    @Override
    public long oomKills(String path) {
        return tree.keyed(tree.dir(path).resolve("memory.events"), "oom_kill");
    }

    @Override
    public Optional<CgroupUsage> usage(String path) {
        Path d = tree.dir(path);
        Optional<Long> mem = tree.number(d.resolve("memory.current"));
        if (mem.isEmpty() || !Files.exists(d.resolve("cpu.stat"))) {
            return Optional.empty();
        }
        long cpuNanos = tree.keyed(d.resolve("cpu.stat"), "usage_usec") * 1000;
        long inactive = tree.keyed(d.resolve("memory.stat"), "inactive_file");
        return Optional.of(new CgroupUsage(cpuNanos, Math.max(0, mem.get() - inactive)));
    }
}
