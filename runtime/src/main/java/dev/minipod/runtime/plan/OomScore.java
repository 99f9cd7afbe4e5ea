package dev.minipod.runtime.plan;

/**
 * The kubelet's oom_score_adj for a container (k/k pkg/kubelet/qos/policy.go
 * GetContainerOOMScoreAdjust): Guaranteed -997, BestEffort 1000, Burstable
 * {@code 1000 - 1000*memoryRequest/memoryCapacity} kept in [3, 999] so it stays above any
 * Guaranteed container (1000 - 997) and below BestEffort.
 */
public final class OomScore {
    public static final int GUARANTEED = -997;
    public static final int BEST_EFFORT = 1000;

    private OomScore() {}

    public static int adjust(String qosClass, ContainerResources r, long memoryCapacityBytes) {
        if (QosClass.GUARANTEED.equals(qosClass)) {
            return GUARANTEED;
        }
        if (QosClass.BEST_EFFORT.equals(qosClass)) {
            return BEST_EFFORT;
        }
        long request = r.memoryRequestBytes() == null ? 0 : r.memoryRequestBytes();
        // in BigInteger: 1000 * request overflows a long for requests above 9 PB
        long adjust = 1000 - java.math.BigInteger.valueOf(request).multiply(java.math.BigInteger.valueOf(1000))
                .divide(java.math.BigInteger.valueOf(Math.max(1, memoryCapacityBytes))).min(java.math.BigInteger.valueOf(2000)).longValue();
        if (adjust < 1000 + GUARANTEED) {
            return 1000 + GUARANTEED;
        }
        return adjust == BEST_EFFORT ? BEST_EFFORT - 1 : (int) adjust;
    }
}
