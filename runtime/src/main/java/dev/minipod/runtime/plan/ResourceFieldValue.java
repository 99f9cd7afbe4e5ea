package dev.minipod.runtime.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.spec.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;

/**
 * The value of a {@code resourceFieldRef} (env or downwardAPI volume), as the kubelet computes it:
 * a limit that is not set is the node's allocatable amount; cpu is counted in millicores and
 * memory in bytes (each rounded up first), then divided by the divisor (default 1) and rounded up.
 * So {@code limits.cpu: 250m} with divisor {@code 1} gives {@code 1}, with {@code 1m} gives {@code 250}.
 */
public final class ResourceFieldValue {
    private ResourceFieldValue() {}

    public static String of(ResourceFieldSelector ref, Container c, NodeAllocatable node) {
        String resource = ref.getResource();
        BigDecimal divisor = divisor(ref.getDivisor());
        ContainerResources r = ContainerResources.of(c);
        return switch (resource) {
            case "limits.cpu" -> Long.toString(ceilDiv(orElse(r.cpuLimitMilli(), node.milliCpu()), milli(divisor)));
            case "requests.cpu" -> Long.toString(ceilDiv(orElse(r.cpuRequestMilli(), 0), milli(divisor)));
            case "limits.memory" -> Long.toString(ceilDiv(orElse(r.memoryLimitBytes(), node.memoryBytes()), units(divisor)));
            case "requests.memory" -> Long.toString(ceilDiv(orElse(r.memoryRequestBytes(), 0), units(divisor)));
            default -> throw new MinipodException("CreateContainerConfigError", 1, "unsupported container resource : " + resource);
        };
    }

    private static long orElse(Long v, long fallback) {
        return v == null ? fallback : v;
    }

    private static BigDecimal divisor(Quantity q) {
        if (q == null || q.getAmount() == null || q.getAmount().isEmpty()) return BigDecimal.ONE;
        BigDecimal d = Quantities.parse(q.getAmount() + (q.getFormat() == null ? "" : q.getFormat())).orElse(BigDecimal.ONE);
        return d.signum() == 0 ? BigDecimal.ONE : d;
    }

    /** Quantity.MilliValue: millis rounded up. */
    static long milli(BigDecimal v) {
        return v.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** Quantity.Value: whole units rounded up. */
    static long units(BigDecimal v) {
        return v.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** math.Ceil(float64(a) / float64(b)), exactly. */
    static long ceilDiv(long a, long b) {
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), 0, RoundingMode.CEILING).longValueExact();
    }
}
