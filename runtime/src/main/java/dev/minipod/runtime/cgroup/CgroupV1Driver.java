package dev.minipod.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.minipod.runtime.plan.CgroupLimits;

/**
 * cgroup v1: one hierarchy per controller under the mount ({@code /sys/fs/cgroup/<controller>}),
 * the same relative path created in each. cpu.shares and the CFS quota, memory.limit_in_bytes
 * with memsw equal to it (no swap), pids.max; cpuset only for the static CPU policy.
 */
public final class CgroupV1Driver implements CgroupDriver {
    static final List<String> CONTROLLERS = List.of("cpu", "cpuacct", "memory", "pids");

    private final Map<String, CgroupTree> trees = new LinkedHashMap<>();

    /** @param cpuset also manage the cpuset hierarchy (static CPU policy) */
    public CgroupV1Driver(Path mount, CgroupHost host, boolean cpuset) {
        List<String> wanted = new java.util.ArrayList<>(CONTROLLERS);
        if (cpuset) {
            wanted.add("cpuset");
        }
        for (String c : wanted) {
            Path root = mount.resolve(c);
            if (Files.isRegularFile(root.resolve("cgroup.procs"))) {
                trees.put(c, new CgroupTree(root, host));
            }
        }
    }

    /** Controllers found mounted as their own v1 hierarchies. */
    public Set<String> controllers() { return trees.keySet(); }

    @Override
    public String version() { return "v1"; }

    @Override
    public boolean managesCpuset() { return trees.containsKey("cpuset"); }

    @Override
    public String allCpus() {
        CgroupTree t = trees.get("cpuset");
        return t == null ? "" : t.read(t.root().resolve("cpuset.effective_cpus")).orElse("").trim();
    }

    @Override
    public void create(String path, CgroupLimits limits) {
        trees.forEach((controller, tree) -> tree.mkdirs(path, parent -> { }, (parent, child) -> {
            if (controller.equals("cpuset")) {
                // a new v1 cpuset is empty, and nothing can join an empty cpuset
                tree.write(child.resolve("cpuset.mems"), tree.read(parent.resolve("cpuset.mems")).orElse("").trim());
                tree.write(child.resolve("cpuset.cpus"), tree.read(parent.resolve("cpuset.cpus")).orElse("").trim());
            }
        }));
        CgroupTree cpu = trees.get("cpu");
        if (cpu != null) {
            Path d = cpu.dir(path);
            cpu.write(d.resolve("cpu.shares"), Long.toString(limits.cpuShares()));
            if (limits.cpuQuotaUs() != CgroupLimits.UNLIMITED) {
                cpu.write(d.resolve("cpu.cfs_period_us"), Long.toString(limits.cpuPeriodUs()));
                cpu.write(d.resolve("cpu.cfs_quota_us"), Long.toString(limits.cpuQuotaUs()));
            }
        }
        CgroupTree memory = trees.get("memory");
        if (memory != null && limits.memoryBytes() != CgroupLimits.UNLIMITED) {
            Path d = memory.dir(path);
            String bytes = Long.toString(limits.memoryBytes());
            memory.write(d.resolve("memory.limit_in_bytes"), bytes);
            // memory+swap equal to memory: no swap (memsw exists only with swap accounting)
            if (Files.exists(d.resolve("memory.memsw.limit_in_bytes"))) {
                memory.write(d.resolve("memory.memsw.limit_in_bytes"), bytes);
            }
        }
        CgroupTree pids = trees.get("pids");
        if (pids != null && limits.pidsMax() != CgroupLimits.UNLIMITED) {
            pids.write(pids.dir(path).resolve("pids.max"), Long.toString(limits.pidsMax()));
        }
    }

    @Override
    public void setCpus(String path, String cpus) {
        CgroupTree t = trees.get("cpuset");
        if (t != null && Files.isDirectory(t.dir(path))) {
            t.write(t.dir(path).resolve("cpuset.cpus"), cpus);
        }
    }

    @Override
    public List<Path> procsFiles(String path) {
        return trees.values().stream().map(t -> t.dir(path).resolve("cgroup.procs")).filter(Files::exists).toList();
    }

    @Override
    public Map<String, Path> dirs(String path) {
        Map<String, Path> out = new LinkedHashMap<>();
        trees.forEach((c, t) -> {
            if (Files.isDirectory(t.dir(path))) {
                out.put(c, t.dir(path));
            }
        });
        return out;
    }

    @Override
    public boolean exists(String path) {
        return trees.values().stream().anyMatch(t -> Files.isDirectory(t.dir(path)));
    }

    @Override
    public List<String> children(String path) {
        Set<String> out = new LinkedHashSet<>();
        trees.values().forEach(t -> out.addAll(t.children(path)));
        return List.copyOf(out);
    }

    @Override
    public void remove(String path) {
        trees.values().forEach(t -> t.remove(path));
    }

    @Override
    public long oomKills(String path) {
        CgroupTree memory = trees.get("memory");
        return memory == null ? 0 : memory.keyed(memory.dir(path).resolve("memory.oom_control"), "oom_kill");
    }

    @Override
    public Optional<CgroupUsage> usage(String path) {
        CgroupTree cpuacct = trees.get("cpuacct");
        CgroupTree memory = trees.get("memory");
        if (cpuacct == null || memory == null) {
            return Optional.empty();
        }
        Optional<Long> cpu = cpuacct.number(cpuacct.dir(path).resolve("cpuacct.usage"));
        Optional<Long> mem = memory.number(memory.dir(path).resolve("memory.usage_in_bytes"));
        if (cpu.isEmpty() || mem.isEmpty()) {
            return Optional.empty();
        }
        long inactive = memory.keyed(memory.dir(path).resolve("memory.stat"), "total_inactive_file");
        return Optional.of(new CgroupUsage(cpu.get(), Math.max(0, mem.get() - inactive)));
    }
}
