package dev.minipod.runtime.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import dev.minipod.runtime.spec.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A container's effective cpu and memory requests and limits, after Kubernetes defaulting (a limit
 * without a request makes the request equal to it). This is the one place to ask for them: the
 * cgroup limits, the QoS class, oom_score_adj and env {@code resourceFieldRef} all read it.
 *
 * <p>cpu in millicores, rounded up like {@code Quantity.MilliValue()}; memory in bytes, rounded up
 * like {@code Quantity.Value()}; {@code null} when not set. A zero quantity counts as set
 * (Kubernetes' QoS rules ignore zeros themselves, see {@link QosClass}).
 */
public record ContainerResources(Long cpuRequestMilli, Long cpuLimitMilli, Long memoryRequestBytes, Long memoryLimitBytes) {
    public static final ContainerResources NONE = new ContainerResources(null, null, null, null);

    /** From a validated container spec (quantities parse); requests default to limits. */
    public static ContainerResources of(Container c) {
        if (c.getResources() == null) {
            return NONE;
        }
        Map<String, Quantity> limits = c.getResources().getLimits() == null ? Map.of() : c.getResources().getLimits();
        Map<String, Quantity> requests = c.getResources().getRequests() == null ? Map.of() : c.getResources().getRequests();
        Long cpuLimit = milli(limits.get("cpu"));
        Long memLimit = bytes(limits.get("memory"));
        Long cpuRequest = milli(requests.get("cpu"));
        Long memRequest = bytes(requests.get("memory"));
        return new ContainerResources(cpuRequest != null ? cpuRequest : cpuLimit, cpuLimit,
                memRequest != null ? memRequest : memLimit, memLimit);
    }

    private static Long milli(Quantity q) {
        BigDecimal v = value(q);
        return v == null ? null : v.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static Long bytes(Quantity q) {
        BigDecimal v = value(q);
        return v == null ? null : v.setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal value(Quantity q) {
        if (q == null) {
            return null;
        }
        String text = (q.getAmount() == null ? "" : q.getAmount()) + (q.getFormat() == null ? "" : q.getFormat());
        return Quantities.parse(text).orElseThrow(() -> new IllegalArgumentException("not a quantity: `" + text + "`"));
    }
}
