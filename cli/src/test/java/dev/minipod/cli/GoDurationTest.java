package dev.minipod.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {
    @Test
    void parsesGoDurations() {
        assertThat(GoDuration.parseNanos("30s")).isEqualTo(30_000_000_000L);
        assertThat(GoDuration.parseNanos("1m30s")).isEqualTo(90_000_000_000L);
        assertThat(GoDuration.parseNanos("1.5h")).isEqualTo(5_400_000_000_000L);
        assertThat(GoDuration.parseNanos("250ms")).isEqualTo(250_000_000L);
        assertThat(GoDuration.parseNanos("0")).isZero();
        assertThat(GoDuration.parseNanos("-1s")).isEqualTo(-1_000_000_000L);
        assertThat(GoDuration.parseNanos("10us")).isEqualTo(10_000L);
    }

    @Test
    void rejectsWhatGoRejects() {
        assertThatThrownBy(() -> GoDuration.parseNanos("60")).hasMessage("time: missing unit in duration \"60\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("5x")).hasMessage("time: unknown unit \"x\" in duration \"5x\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("abc")).hasMessage("time: invalid duration \"abc\"");
        assertThatThrownBy(() -> GoDuration.parseNanos("")).hasMessage("time: invalid duration \"\"");
    }
}
