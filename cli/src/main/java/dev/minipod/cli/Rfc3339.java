package dev.minipod.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses Kubernetes timestamps ({@code 2026-01-02T15:04:05Z}, optional fraction, {@code Z} or
 * {@code ±hh:mm}) by hand: {@code Instant.parse} drags in the java.time formatter machinery, which
 * costs the CLI measurable start-up time.
 */
final class Rfc3339 {
    private Rfc3339() {}

    /** The instant, or null when the text is not an RFC 3339 date-time. */
    static Instant parse(String s) {
        try {
            if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                    || s.charAt(13) != ':' || s.charAt(16) != ':') {
                return null;
            }
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int i = 19;
            int nanos = 0;
            if (s.charAt(i) == '.') {
                int start = ++i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                if (i == start) return null;
                String frac = (s.substring(start, Math.min(i, start + 9)) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
            }
            if (i >= s.length()) return null;
            int offset;
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i + 1 == s.length()) {
                offset = 0;
            } else if ((z == '+' || z == '-') && i + 6 == s.length() && s.charAt(i + 3) == ':') {
                offset = (digits(s, i + 1, i + 3) * 3600 + digits(s, i + 4, i + 6) * 60) * (z == '-' ? -1 : 1);
            } else {
                return null;
            }
            long epoch = LocalDateTime.of(year, month, day, hour, minute, second)
                    .toEpochSecond(ZoneOffset.ofTotalSeconds(offset));
            return Instant.ofEpochSecond(epoch, nanos);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new NumberFormatException(s);
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
