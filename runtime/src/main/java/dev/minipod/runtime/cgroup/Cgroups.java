package dev.minipod.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.minipod.runtime.plan.CgroupLimits;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.plan.QosClass;

/**
 * The node's pod and container cgroups in the kubelet's cgroupfs shape:
 * <pre>
 *   &lt;parent&gt;/kubepods/pod&lt;uid&gt;/&lt;container&gt;              Guaranteed
 *   &lt;parent&gt;/kubepods/burstable/pod&lt;uid&gt;/&lt;container&gt;
 *   &lt;parent&gt;/kubepods/besteffort/pod&lt;uid&gt;/&lt;container&gt;
 * </pre>
 * The pod cgroup carries the pod's summed limits and the pod pids limit; the besteffort level has
 * the minimum cpu weight (the burstable level keeps the default: the kubelet's sum of burstable
 * requests is not tracked); pause lives in the leaf
 * {@value #SANDBOX} (no valid container name), so v2's no-internal-process rule holds. Teardown
 * kills what is left and removes everything, the QoS levels and the parent too once empty.
 * File-level work is the {@link CgroupDriver}'s.
 */
public final class Cgroups {
    /** The pause process's leaf: an underscore keeps it apart from every DNS-label container name. */
    public static final String SANDBOX = "sandbox_";

    private final CgroupDriver driver;
    private final String parent;
    private final long podPidsLimit;
    private final CpuManager cpus;
    private final Object layoutLock = new Object();

    /** @param podPidsLimit the pods' pids.max, or -1 for none (kubelet podPidsLimit) */
    public Cgroups(CgroupDriver driver, String parent, long podPidsLimit, CpuManager cpus) {
        this.driver = driver;
        this.parent = parent;
        this.podPidsLimit = podPidsLimit;
        this.cpus = cpus;
    }

    public CgroupDriver driver() { return driver; }

    /** The pod cgroup's path for a QoS class. */
    String podPath(String qosClass, String podUid) {
        String kubepods = parent + "/kubepods";
        return switch (qosClass) {
            case QosClass.GUARANTEED -> kubepods + "/pod" + podUid;
            case QosClass.BURSTABLE -> kubepods + "/burstable/pod" + podUid;
            default -> kubepods + "/besteffort/pod" + podUid;
        };
    }

    /** Where pod cgroups live; the last entry is the flat layout of minipod before QoS levels (adopted, cleaned up). */
    private List<String> qosDirs() {
        return List.of(parent + "/kubepods/burstable", parent + "/kubepods/besteffort", parent + "/kubepods", parent);
    }

    /** The existing pod cgroup, whatever its QoS class. */
    private Optional<String> existingPod(String podUid) {
        return qosDirs().stream().map(q -> q + "/pod" + podUid).filter(driver::exists).findFirst();
    }

    /** Creates the pod cgroup with the pod's limits (before its sandbox joins it). */
    public void createPod(PodPlan pod) {
        synchronized (layoutLock) {
            if (existingPod(pod.uid()).isEmpty()) {
                String besteffort = parent + "/kubepods/besteffort";
                if (QosClass.BEST_EFFORT.equals(pod.qosClass()) && !driver.exists(besteffort)) {
                    // like the kubelet's QoS cgroup: BestEffort pods together weigh the minimum
                    driver.create(besteffort, CgroupLimits.BEST_EFFORT_QOS);
                }
                driver.create(podPath(pod.qosClass(), pod.uid()),
                        CgroupLimits.forPod(pod.qosClass(), pod.initResources(), pod.appResources(), podPidsLimit));
            }
        }
    }

    /** Moves a process (pause) into the pod's sandbox cgroup. */
    public void joinPod(String podUid, int pid) {
        String pod;
        synchronized (layoutLock) {
            pod = existingPod(podUid).orElseGet(() -> {
                String p = podPath(QosClass.BEST_EFFORT, podUid);
                driver.create(p, CgroupLimits.forPod(QosClass.BEST_EFFORT, List.of(), List.of(), podPidsLimit));
                return p;
            });
            driver.create(pod + "/" + SANDBOX, CgroupLimits.NONE);
        }
        sharedCpus(pod + "/" + SANDBOX);
        for (Path procs : driver.procsFiles(pod + "/" + SANDBOX)) {
            try {
                java.nio.file.Files.writeString(procs, Integer.toString(pid));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("join cgroup `" + procs.getParent() + "`", e);
            }
        }
    }

    /**
     * Creates the container's cgroup with its limits (and, under the static CPU policy, its
     * exclusive or shared CPUs); returns the cgroup.procs files its process joins.
     */
    public List<Path> createContainer(PodPlan pod, ContainerPlan c) {
        createPod(pod);
        String pp = existingPod(pod.uid()).orElseThrow();
        String path = pp + "/" + c.name();
        driver.remove(path); // a leftover of an earlier instance would carry its oom_kill count
        driver.create(path, CgroupLimits.forContainer(c.resources()));
        if (cpus.enabled()) {
            Optional<String> exclusive = cpus.allocate(key(pod.uid(), c.name()), pod.qosClass(), c.resources());
            if (exclusive.isPresent()) {
                driver.setCpus(path, exclusive.get());
                reshare();
            } else {
                sharedCpus(path);
            }
        }
        return driver.procsFiles(path);
    }

    /** The cgroup.procs files of an existing container cgroup (exec'd processes join them). */
    public List<Path> procsFiles(String podUid, String container) {
        return existingPod(podUid).map(p -> driver.procsFiles(p + "/" + container)).orElse(List.of());
    }

    /** The container's cgroup directories on the host, for its read-only /sys/fs/cgroup view. */
    public java.util.Map<String, Path> containerDirs(String podUid, String container) {
        return existingPod(podUid).map(p -> driver.dirs(p + "/" + container)).orElse(java.util.Map.of());
    }

    /** OOM kills in the container's cgroup so far (read before it is removed). */
    public long oomKills(String podUid, String container) {
        return existingPod(podUid).map(p -> driver.oomKills(p + "/" + container)).orElse(0L);
    }

    /** The container's usage, or empty when it has no cgroup. */
    public Optional<CgroupUsage> usage(String podUid, String container) {
        return existingPod(podUid).flatMap(p -> driver.usage(p + "/" + container));
    }

    /** Kills what is left in a container's cgroup (a stray child of an exited container) and removes it. */
    public void removeContainer(String podUid, String container) {
        existingPod(podUid).ifPresent(p -> driver.remove(p + "/" + container));
        if (cpus.release(key(podUid, container))) {
            reshare();
        }
    }

    /** Removes the pod's cgroups and everything under them, then the QoS levels and parent left empty. */
    public void removePod(String podUid) {
        synchronized (layoutLock) {
            Optional<String> pod = existingPod(podUid);
            if (pod.isPresent()) {
                driver.remove(pod.get());
            }
            for (String dir : List.of(parent + "/kubepods/burstable", parent + "/kubepods/besteffort", parent + "/kubepods", parent)) {
                if (driver.exists(dir) && driver.children(dir).isEmpty()) {
                    driver.remove(dir);
                }
            }
        }
        if (cpus.retain(k -> !k.startsWith(podUid + "/"))) {
            reshare();
        }
    }

    /** Pod uids that have cgroups (for cleaning up after a crash). */
    public Set<String> podUids() {
        Set<String> uids = new TreeSet<>();
        for (String q : qosDirs()) {
            driver.children(q).stream().filter(n -> n.startsWith("pod")).forEach(n -> uids.add(n.substring(3)));
        }
        return uids;
    }

    private static String key(String podUid, String container) {
        return podUid + "/" + container;
    }

    private void sharedCpus(String path) {
        if (cpus.enabled()) {
            driver.setCpus(path, cpus.sharedCpus());
        }
    }

    /** Every leaf without exclusive CPUs follows the shared pool after it changed. */
    private void reshare() {
        for (String uid : podUids()) {
            existingPod(uid).ifPresent(p -> driver.children(p).stream()
                    .filter(name -> !cpus.isExclusive(key(uid, name)))
                    .forEach(name -> driver.setCpus(p + "/" + name, cpus.sharedCpus())));
        }
    }
}
