package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelectorBuilder;

class ResourceFieldValueTest {
    private final NodeAllocatable node = NodeAllocatable.fromCapacity(2, 4L << 30);
    private final Container c = new ContainerBuilder().withName("c").withNewResources()
            .addToLimits("cpu", new Quantity("250m")).addToLimits("memory", new Quantity("129M"))
            .addToRequests("cpu", new Quantity("1500m")).addToRequests("memory", new Quantity("64Mi")).endResources().build();

    private String value(Container container, String resource, String divisor) {
        var b = new ResourceFieldSelectorBuilder().withResource(resource);
        if (divisor != null) b.withDivisor(new Quantity(divisor));
        return ResourceFieldValue.of(b.build(), container, node);
    }

    @Test
    void cpuIsRoundedUpToWholeDivisors() {
        assertThat(value(c, "limits.cpu", null)).isEqualTo("1");
        assertThat(value(c, "limits.cpu", "1m")).isEqualTo("250");
        assertThat(value(c, "requests.cpu", "1")).isEqualTo("2");
        assertThat(value(c, "requests.cpu", "1m")).isEqualTo("1500");
    }

    @Test
    void memoryIsBytesDividedAndRoundedUp() {
        assertThat(value(c, "limits.memory", null)).isEqualTo("129000000");
        assertThat(value(c, "limits.memory", "1Mi")).isEqualTo("124"); // 123.02 -> 124
        assertThat(value(c, "limits.memory", "1M")).isEqualTo("129");
        assertThat(value(c, "requests.memory", "1Ki")).isEqualTo("65536");
    }

    @Test
    void unsetLimitsAreTheNodesAllocatableAndUnsetRequestsZero() {
        Container bare = new ContainerBuilder().withName("b").build();
        assertThat(value(bare, "limits.cpu", null)).isEqualTo("2");
        assertThat(value(bare, "limits.cpu", "1m")).isEqualTo("2000");
        // the kubelet keeps the 100Mi hard-eviction threshold back from capacity
        assertThat(value(bare, "limits.memory", "1Mi")).isEqualTo(Long.toString(4096 - 100));
        assertThat(value(bare, "requests.cpu", null)).isEqualTo("0");
        assertThat(value(bare, "requests.memory", null)).isEqualTo("0");
    }
}
