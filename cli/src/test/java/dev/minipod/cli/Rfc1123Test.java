package dev.minipod.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc1123Test {
    @Test
    void formatsLikeGoRfc1123Z() {
        assertThat(Rfc1123.format(Instant.parse("2026-11-23T06:46:28.5Z"), ZoneOffset.UTC)).isEqualTo("Mon, 23 Nov 2026 06:46:28 +0000");
        assertThat(Rfc1123.format(Instant.parse("2026-03-01T23:05:09Z"), ZoneOffset.ofHoursMinutes(-5, -30)))
                .isEqualTo("Sun, 01 Mar 2026 17:35:09 -0530");
        assertThat(Rfc1123.format(Instant.parse("2026-07-04T00:00:00Z"), ZoneOffset.ofHours(2))).isEqualTo("Sat, 04 Jul 2026 02:00:00 +0200");
    }
}
