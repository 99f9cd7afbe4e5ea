package dev.minipod.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.minipod.runtime.plan.CgroupLimits;

/**
 * One cgroup version's file-level work: create a cgroup with its limits, hand out the files a
 * process joins by, read counters, remove a subtree with whatever still runs in it. Paths are
 * relative to the cgroup mount ({@code minipod/kubepods/burstable/pod<uid>/app}); the layout is
 * {@link Cgroups}' business. Chosen once at start-up by {@link CgroupDrivers#detect}.
 */
public interface CgroupDriver {
    /** "v1" or "v2". */
    String version();

    /** Creates the cgroup and any missing ancestors, and writes its limits (ancestors get none). */
    void create(String path, CgroupLimits limits);

    /** Restricts the cgroup to these CPUs (cpuset list syntax, "0-1,3"); only with {@link #managesCpuset}. */
    void setCpus(String path, String cpus);

    /** True when cpuset is one of the managed controllers (the static CPU policy needs it). */
    boolean managesCpuset();

    /** The CPUs cgroups may use at all (the root's effective cpuset), in list syntax. */
    String allCpus();

    /** The cgroup.procs files a process writes "0" to, to join the cgroup (empty when it does not exist). */
    List<Path> procsFiles(String path);

    boolean exists(String path);

    /** The cgroup's host directories to show a container: controller -> dir on v1, "" -> dir on v2. */
    java.util.Map<String, Path> dirs(String path);

    /** Names of the child cgroups (union over hierarchies on v1). */
    List<String> children(String path);

    /** Kills every process left in the subtree and removes it, deepest first. No-op when absent. */
    void remove(String path);

    /** OOM kills inside this cgroup so far (v1 memory.oom_control, v2 memory.events {@code oom_kill}); 0 when unknown. */
    long oomKills(String path);

    /** CPU time and memory working set, or empty when the cgroup is gone. */
    Optional<CgroupUsage> usage(String path);
}
