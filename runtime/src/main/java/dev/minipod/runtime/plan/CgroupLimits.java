package dev.minipod.runtime.plan;

import java.util.List;

/**
 * What a pod or container cgroup is limited to, in cgroup v1 units (the v2 driver converts):
 * the kubelet's numbers (k/k pkg/kubelet/cm/helpers_linux.go). {@code -1} means unlimited.
 *
 * @param cpuShares   cpu.shares (MilliCPUToShares of the cpu request: min 2, max 262144)
 * @param cpuQuotaUs  CFS quota per period (MilliCPUToQuota of the cpu limit, min 1000 µs), or -1
 * @param cpuPeriodUs CFS period (always 100 ms, the kubelet's default)
 * @param memoryBytes memory limit (swap off: memsw / swap.max follow it), or -1
 * @param pidsMax     pids limit (the daemon's pod pids limit, pod cgroups only), or -1
 */
public record CgroupLimits(long cpuShares, long cpuQuotaUs, long cpuPeriodUs, long memoryBytes, long pidsMax) {
    public static final long MIN_SHARES = 2;
    public static final long MAX_SHARES = 262144;
    public static final long SHARES_PER_CPU = 1024;
    public static final long PERIOD_US = 100_000;
    public static final long MIN_QUOTA_US = 1000;
    public static final long UNLIMITED = -1;

    /** No limits and the kernel's default weight (the pause leaf). */
    public static final CgroupLimits NONE = new CgroupLimits(SHARES_PER_CPU, UNLIMITED, PERIOD_US, UNLIMITED, UNLIMITED);

    /** The kubelet's BestEffort QoS cgroup: the minimum weight, no limits. */
    public static final CgroupLimits BEST_EFFORT_QOS = new CgroupLimits(MIN_SHARES, UNLIMITED, PERIOD_US, UNLIMITED, UNLIMITED);

    /** kubelet MilliCPUToShares: 0 (no request) gives the minimum, 2. */
    public static long milliCpuToShares(long milliCpu) {
        if (milliCpu == 0) {
            return MIN_SHARES;
        }
        long shares = milliCpu * SHARES_PER_CPU / 1000;
        return Math.max(MIN_SHARES, Math.min(MAX_SHARES, shares));
    }

    /** kubelet MilliCPUToQuota: no limit gives no quota; otherwise at least 1 ms per period. */
    public static long milliCpuToQuota(long milliCpu, long periodUs) {
        if (milliCpu == 0) {
            return UNLIMITED;
        }
        return Math.max(MIN_QUOTA_US, milliCpu * periodUs / 1000);
    }

    /** kubelet CpuSharesToCpuWeight (cgroup v2 cpu.weight): 2 -> 1, 1024 -> 39, 262144 -> 10000. */
    public static long sharesToWeight(long shares) {
        return 1 + ((shares - 2) * 9999) / 262142;
    }

    /** A container's cgroup, as the kubelet asks the runtime for it (generateLinuxContainerResources). */
    public static CgroupLimits forContainer(ContainerResources r) {
        long request = r.cpuRequestMilli() == null ? 0 : r.cpuRequestMilli();
        long limit = r.cpuLimitMilli() == null ? 0 : r.cpuLimitMilli();
        // a zero request with a limit takes its shares from the limit
        long shares = milliCpuToShares(request == 0 && limit != 0 ? limit : request);
        long memory = r.memoryLimitBytes() == null || r.memoryLimitBytes() == 0 ? UNLIMITED : r.memoryLimitBytes();
        return new CgroupLimits(shares, milliCpuToQuota(limit, PERIOD_US), PERIOD_US, memory, UNLIMITED);
    }

    /**
     * The pod cgroup (kubelet ResourceConfigForPod): requests and limits are the larger of the app
     * containers' sum and any single init container; a cpu quota or memory limit only when every
     * container declares one; BestEffort pods get the minimum shares and no limits.
     */
    public static CgroupLimits forPod(String qosClass, List<ContainerResources> init, List<ContainerResources> app, long pidsMax) {
        long cpuRequest = podTotal(init, app, ContainerResources::cpuRequestMilli);
        if (QosClass.BEST_EFFORT.equals(qosClass)) {
            return new CgroupLimits(MIN_SHARES, UNLIMITED, PERIOD_US, UNLIMITED, pidsMax);
        }
        boolean cpuDeclared = allDeclared(init, app, ContainerResources::cpuLimitMilli);
        boolean memoryDeclared = allDeclared(init, app, ContainerResources::memoryLimitBytes);
        long quota = cpuDeclared ? milliCpuToQuota(podTotal(init, app, ContainerResources::cpuLimitMilli), PERIOD_US) : UNLIMITED;
        long memory = memoryDeclared ? podTotal(init, app, ContainerResources::memoryLimitBytes) : UNLIMITED;
        return new CgroupLimits(milliCpuToShares(cpuRequest), quota, PERIOD_US, memory == 0 ? UNLIMITED : memory, pidsMax);
    }

    private static long podTotal(List<ContainerResources> init, List<ContainerResources> app,
                                 java.util.function.Function<ContainerResources, Long> field) {
        long sum = 0;
        for (ContainerResources r : app) {
            sum += orZero(field.apply(r));
        }
        for (ContainerResources r : init) {
            sum = Math.max(sum, orZero(field.apply(r)));
        }
        return sum;
    }

    private static boolean allDeclared(List<ContainerResources> init, List<ContainerResources> app,
                                       java.util.function.Function<ContainerResources, Long> field) {
        return java.util.stream.Stream.concat(init.stream(), app.stream()).allMatch(r -> orZero(field.apply(r)) > 0);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
