package dev.minipod.runtime.cgroup;

import java.util.SortedSet;
import java.util.TreeSet;

/** The kernel's CPU list syntax ("0-3,6"), parsed and printed. */
public final class CpuSet {
    private CpuSet() {}

    public static SortedSet<Integer> parse(String list) {
        SortedSet<Integer> out = new TreeSet<>();
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int dash = part.indexOf('-');
            int from = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
            int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("invalid cpu list `" + list + "`");
            }
            for (int c = from; c <= to; c++) {
                out.add(c);
            }
        }
        return out;
    }

    public static String format(SortedSet<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int c : cpus) {
            if (prev != null && c == prev + 1) {
                prev = c;
                continue;
            }
            append(b, start, prev);
            start = c;
            prev = c;
        }
        append(b, start, prev);
        return b.toString();
    }

    private static void append(StringBuilder b, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(start);
        if (!end.equals(start)) {
            b.append('-').append(end);
        }
    }
}
