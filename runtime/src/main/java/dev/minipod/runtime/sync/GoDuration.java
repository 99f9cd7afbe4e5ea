package dev.minipod.runtime.sync;

import java.time.Duration;

/** Formats a duration the way Go's {@code time.Duration.String()} does: 10s, 1m20s, 5m0s, 1h0m0s, 250ms. */
public final class GoDuration {

    private GoDuration() {
    }

    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return decimal(nanos, 1_000L) + "µs";
        }
        if (nanos < 1_000_000_000L) {
            return decimal(nanos, 1_000_000L) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long secNanos = nanos % 60_000_000_000L;
        StringBuilder sb = new StringBuilder();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        return sb.append(decimal(secNanos, 1_000_000_000L)).append('s').toString();
    }

    /** {@code value / unit} with the fraction written out and trailing zeros dropped. */
    private static String decimal(long value, long unit) {
        long whole = value / unit;
        long frac = value % unit;
        if (frac == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
