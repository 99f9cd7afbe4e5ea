package dev.minipod.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.minipod.runtime.plan.CgroupLimits;
import dev.minipod.runtime.plan.ContainerPlan;
import dev.minipod.runtime.plan.PodPlan;
import dev.minipod.runtime.plan.QosClass;
import dev.minipod.runtime.security.DeviceRules;

/**
 * The node's pod and container cgroups in the kubelet's cgroupfs shape:
 * <pre>
 *   &lt;parent&gt;/kubepods/pod&lt;uid&gt;/&lt;container&gt;              Guaranteed
 *   &lt;parent&gt;/kubepods/burstable/pod&lt;uid&gt;/&lt;container&gt;
 *   &lt;parent&gt;/kubepods/besteffort/pod&lt;uid&gt;/&lt;container&gt;
 * </pre>
 * The pod cgroup carries the pod's summed limits and the pod pids limit. The QoS levels weigh like
 * the kubelet's (qos_container_manager): kubepods the node's CPUs, besteffort the minimum,
 * burstable the summed cpu requests of the Burstable pods that have a pod cgroup, rewritten as
 * they come and go; pause lives in the leaf
 * {@value #SANDBOX} (no valid container name), so v2's no-internal-process rule holds. Teardown
 * kills what is left and removes everything, the QoS levels and the parent too once empty.
 * Leaves get {@link DeviceRules} (the sandbox the default set) before any process joins them.
 * File-level work is the {@link CgroupDriver}'s.
 */
public final class Cgroups {
    /** The pause process's leaf: an underscore keeps it apart from every DNS-label container name. */
    public static final String SANDBOX = "sandbox_";

    private final CgroupDriver driver;
    private final String parent;
    private final long podPidsLimit;
    private final CpuManager cpus;
    private final int nodeCpus;
    private final Object layoutLock = new Object();
    /** The cpu request (millicores) of each Burstable pod with a pod cgroup, for the burstable level's weight. */
    private final Map<String, Long> burstableRequests = new TreeMap<>();

    /** @param podPidsLimit the pods' pids.max, or -1 for none (kubelet podPidsLimit) */
    public Cgroups(CgroupDriver driver, String parent, long podPidsLimit, CpuManager cpus) {
        this(driver, parent, podPidsLimit, cpus, Runtime.getRuntime().availableProcessors());
    }

    /** @param nodeCpus the node's CPUs (the kubepods level weighs their shares, the kubelet's allocatable) */
    public Cgroups(CgroupDriver driver, String parent, long podPidsLimit, CpuManager cpus, int nodeCpus) {
        this.driver = driver;
        this.parent = parent;
        this.podPidsLimit = podPidsLimit;
        this.cpus = cpus;
        this.nodeCpus = nodeCpus;
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

    /**
     * Pod admission under the static CPU policy: the pod's exclusive CPUs are assigned now, or the
     * pod is refused (a MinipodException with reason UnexpectedAdmissionError and the kubelet's
     * message) and nothing is assigned to it.
     */
    public void admit(PodPlan pod) {
        if (cpus.admit(pod)) {
            reshare(); // the shared pool shrank
        }
    }

    /** Creates the pod cgroup with the pod's limits (before its sandbox joins it). */
    public void createPod(PodPlan pod) {
        synchronized (layoutLock) {
            if (existingPod(pod.uid()).isEmpty()) {
                String kubepods = parent + "/kubepods";
                if (!driver.exists(kubepods)) {
                    driver.create(kubepods, CgroupLimits.qosLevel(CgroupLimits.milliCpuToShares(nodeCpus * 1000L)));
                }
                String besteffort = kubepods + "/besteffort";
                if (QosClass.BEST_EFFORT.equals(pod.qosClass()) && !driver.exists(besteffort)) {
                    // like the kubelet's QoS cgroup: BestEffort pods together weigh the minimum
                    driver.create(besteffort, CgroupLimits.BEST_EFFORT_QOS);
                }
                driver.create(podPath(pod.qosClass(), pod.uid()),
                        CgroupLimits.forPod(pod.qosClass(), pod.initResources(), pod.appResources(), podPidsLimit));
            }
            account(pod);
        }
    }

    /**
     * Counts a Burstable pod that has a pod cgroup in the burstable level's weight (after a daemon
     * restart, for the pods it re-adopts); no-op for other pods or without a pod cgroup.
     */
    public void account(PodPlan pod) {
        synchronized (layoutLock) {
            if (QosClass.BURSTABLE.equals(pod.qosClass()) && existingPod(pod.uid()).isPresent()) {
                burstableRequests.put(pod.uid(), CgroupLimits.podCpuRequestMilli(pod.initResources(), pod.appResources()));
                updateBurstableLevel();
            }
        }
    }

    private void updateBurstableLevel() {
        String burstable = parent + "/kubepods/burstable";
        if (driver.exists(burstable)) {
            long sum = burstableRequests.values().stream().mapToLong(Long::longValue).sum();
            driver.create(burstable, CgroupLimits.burstableQos(sum));
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
            driver.setDevices(pod + "/" + SANDBOX, DeviceRules.DEFAULT);
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
        driver.setDevices(path, DeviceRules.forContainer(c.security()));
        if (cpus.enabled()) {
            Optional<String> exclusive = cpus.allocate(CpuManager.key(pod.uid(), c.name()), pod.qosClass(), c.resources());
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

    /**
     * Kills what is left in a container's cgroup (a stray child of an exited container) and removes
     * it. Its exclusive CPUs stay with the pod (a restart gets the same ones) until {@link #removePod}.
     */
    public void removeContainer(String podUid, String container) {
        existingPod(podUid).ifPresent(p -> driver.remove(p + "/" + container));
    }

    /** Removes the pod's cgroups and everything under them, then the QoS levels and parent left empty. */
    public void removePod(String podUid) {
        synchronized (layoutLock) {
            Optional<String> pod = existingPod(podUid);
            if (pod.isPresent()) {
                driver.remove(pod.get());
            }
            if (burstableRequests.remove(podUid) != null) {
                updateBurstableLevel();
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

    private void sharedCpus(String path) {
        if (cpus.enabled()) {
            driver.setCpus(path, cpus.sharedCpus());
        }
    }

    /** Every leaf without exclusive CPUs follows the shared pool after it changed. */
    private void reshare() {
        for (String uid : podUids()) {
            existingPod(uid).ifPresent(p -> driver.children(p).stream()
                    .filter(name -> !cpus.isExclusive(CpuManager.key(uid, name)))
                    .forEach(name -> driver.setCpus(p + "/" + name, cpus.sharedCpus())));
        }
    }
}
