package dev.minipod.runtime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource({
            "0, 0s",
            "10000, 10s",
            "20000, 20s",
            "40000, 40s",
            "80000, 1m20s",
            "160000, 2m40s",
            "300000, 5m0s",
            "3600000, 1h0m0s",
            "3723500, 1h2m3.5s",
            "1500, 1.5s",
            "100, 100ms",
            "250, 250ms",
    })
    void formatsLikeGo(long millis, String expected) {
        assertThat(GoDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ns -> {1}")
    @CsvSource({"1, 1ns", "1500, 1.5µs", "1200000, 1.2ms", "-10000000000, -10s"})
    void formatsSubMillisecondAndNegative(long nanos, String expected) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }
}
