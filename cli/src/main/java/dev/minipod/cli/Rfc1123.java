package dev.minipod.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Go's {@code time.RFC1123Z} layout, which kubectl describe prints times in: {@code Mon, 02 Jan 2006 15:04:05 -0700}.
 * Built by hand rather than through a DateTimeFormatter, whose machinery costs the CLI start-up time.
 */
final class Rfc1123 {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private Rfc1123() {}

    static String format(Instant t, ZoneOffset offset) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, offset);
        StringBuilder sb = new StringBuilder(31);
        sb.append(DAYS[d.getDayOfWeek().ordinal()]).append(", ");
        two(sb, d.getDayOfMonth()).append(' ').append(MONTHS[d.getMonthValue() - 1]).append(' ');
        int year = d.getYear();
        if (year < 1000) sb.append(year < 10 ? "000" : year < 100 ? "00" : "0");
        sb.append(year).append(' ');
        two(sb, d.getHour()).append(':');
        two(sb, d.getMinute()).append(':');
        two(sb, d.getSecond()).append(' ');
        int secs = offset.getTotalSeconds();
        sb.append(secs < 0 ? '-' : '+');
        secs = Math.abs(secs);
        two(sb, secs / 3600);
        two(sb, secs / 60 % 60);
        return sb.toString();
    }

    /** Go's zero time, which kubectl prints for a missing timestamp inside a state it shows. */
    static final String ZERO = "Mon, 01 Jan 0001 00:00:00 +0000";

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) sb.append('0');
        return sb.append(v);
    }
}
