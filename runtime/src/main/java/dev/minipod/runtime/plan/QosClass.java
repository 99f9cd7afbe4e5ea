package dev.minipod.runtime.plan;

import java.util.List;

/**
 * The pod's QoS class by Kubernetes' rules (k/k pkg/apis/core/v1/helper/qos GetPodQOS), over all
 * containers, init containers included, cpu and memory only, zero quantities ignored:
 * no request or limit anywhere is BestEffort; every container with non-zero cpu and memory limits
 * and summed requests equal to summed limits is Guaranteed; anything else is Burstable.
 */
public final class QosClass {
    public static final String GUARANTEED = "Guaranteed";
    public static final String BURSTABLE = "Burstable";
    public static final String BEST_EFFORT = "BestEffort";

    private QosClass() {}

    public static String of(List<ContainerResources> containers) {
        long cpuReq = 0;
        long memReq = 0;
        long cpuLim = 0;
        long memLim = 0;
        boolean guaranteed = true;
        for (ContainerResources r : containers) {
            cpuReq += positive(r.cpuRequestMilli());
            memReq += positive(r.memoryRequestBytes());
            cpuLim += positive(r.cpuLimitMilli());
            memLim += positive(r.memoryLimitBytes());
            if (positive(r.cpuLimitMilli()) == 0 || positive(r.memoryLimitBytes()) == 0) {
                guaranteed = false;
            }
        }
        if (cpuReq == 0 && memReq == 0 && cpuLim == 0 && memLim == 0) {
            return BEST_EFFORT;
        }
        // with every limit set, the request sets must match too (a zero request is a missing one)
        boolean requestsMatch = cpuReq == cpuLim && memReq == memLim;
        return guaranteed && requestsMatch ? GUARANTEED : BURSTABLE;
    }

    private static long positive(Long v) {
        return v == null || v <= 0 ? 0 : v;
    }
}
