package dev.minipod.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuRateTest {
    @Test
    void nanocoresOverTheWindow() {
        // 0.25 s of CPU in 0.5 s: half a core
        assertThat(CpuRate.nanocores(new CpuRate.Sample(1_000_000_000L, 0), new CpuRate.Sample(1_250_000_000L, 500_000_000L)))
                .isEqualTo(500_000_000L);
        assertThat(CpuRate.nanocores(new CpuRate.Sample(5, 10), new CpuRate.Sample(1, 20))).as("counter reset").isZero();
        assertThat(CpuRate.nanocores(new CpuRate.Sample(5, 10), new CpuRate.Sample(9, 10))).as("no window").isZero();
        assertThat(CpuRate.nanocores(new CpuRate.Sample(0, 0), new CpuRate.Sample(Long.MAX_VALUE / 2, 1_000_000_000L)))
                .as("no overflow").isEqualTo(Long.MAX_VALUE / 2);
    }

    @Test
    void quantitiesLikeMetricsServer() {
        assertThat(CpuRate.cpuQuantity(1500)).isEqualTo("1500n");
        assertThat(CpuRate.memoryQuantity(4096 * 3)).isEqualTo("12Ki");
        assertThat(CpuRate.memoryQuantity(1000)).isEqualTo("1000");
        assertThat(CpuRate.memoryQuantity(0)).isEqualTo("0");
    }
}
