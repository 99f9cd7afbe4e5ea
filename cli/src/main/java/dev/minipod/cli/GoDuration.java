package dev.minipod.cli;

/**
 * Parses Go duration strings ({@code time.ParseDuration}), the syntax of kubectl's {@code --timeout}: an optional
 * sign and a sequence of decimal numbers, each with a unit (ns, us, µs, ms, s, m, h), e.g. {@code 30s},
 * {@code 1m30s}, {@code 1.5h}, {@code -1s}; a bare {@code 0} is zero.
 */
final class GoDuration {
    private GoDuration() {}

    /** The duration in nanoseconds; throws IllegalArgumentException with Go's message when malformed. */
    static long parseNanos(String s) {
        String orig = s;
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) return 0;
        if (i == s.length()) throw invalid(orig);
        double total = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            String num = s.substring(start, i);
            if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) throw invalid(orig);
            int ustart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            String unit = s.substring(ustart, i);
            if (unit.isEmpty()) throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            long scale;
            switch (unit) {
                case "ns": scale = 1L; break;
                case "us": case "\u00b5s": case "\u03bcs": scale = 1_000L; break;
                case "ms": scale = 1_000_000L; break;
                case "s": scale = 1_000_000_000L; break;
                case "m": scale = 60_000_000_000L; break;
                case "h": scale = 3_600_000_000_000L; break;
                default: throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            }
            total += Double.parseDouble(num) * scale;
        }
        if (total > Long.MAX_VALUE) throw invalid(orig);
        long nanos = Math.round(total);
        return neg ? -nanos : nanos;
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("time: invalid duration \"" + s + "\"");
    }
}
