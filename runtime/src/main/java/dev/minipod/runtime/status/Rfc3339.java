package dev.minipod.runtime.status;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** API timestamps: RFC 3339, UTC, whole seconds ({@code 2026-11-23T06:31:44Z}), as the kubelet serializes them. */
public final class Rfc3339 {

    private Rfc3339() {
    }

    /** Formats {@code t} truncated to seconds; null stays null. */
    public static String format(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
