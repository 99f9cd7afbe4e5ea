package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output of {@code get pods -w}: the table once, then one row per change, never the header again. Columns are
 * aligned the way kubectl's watch output is: its table writer (min width 6, padding 3) remembers column widths
 * across the flushes after each row, so later rows line up with the header unless they are wider. Also decides
 * what changed when the daemon cannot stream (polling): a pod's row minus the columns that only age (AGE, the
 * "(5m ago)" of RESTARTS). Pure: the clock is a parameter.
 */
final class PodWatchTable {
    private final TabWriter w = new TabWriter(6, 3, true);
    private final boolean wide;
    private boolean header;
    /** The change key of the row last printed per pod. */
    private final Map<String, String> printed = new HashMap<>();

    PodWatchTable(boolean wide) { this.wide = wide; }

    /** The rows of {@code pods}, with the header before the first row ever printed. */
    String rows(List<JsonNode> pods, Instant now) {
        if (pods.isEmpty()) return "";
        if (!header) {
            List<String> h = new ArrayList<>(PodPrinter.HEADERS);
            if (wide) h.addAll(PodPrinter.WIDE_HEADERS);
            w.write(String.join("\t", h) + "\n");
            header = true;
        }
        for (JsonNode pod : pods) {
            List<String> row = PodPrinter.row(pod, now, wide);
            printed.put(name(pod), key(row));
            w.write(String.join("\t", row) + "\n");
        }
        return w.flush().take();
    }

    String row(JsonNode pod, Instant now) { return rows(List.of(pod), now); }

    /** Whether the pod's row, ageing columns aside, is the one last printed for it. */
    boolean unchanged(JsonNode pod, Instant now) {
        return key(PodPrinter.row(pod, now, wide)).equals(printed.get(name(pod)));
    }

    /**
     * Polling: the pods whose row changed or that are new since the last printed rows, in the given order; forgets
     * the pods that are gone (a pod that comes back is new again).
     */
    List<JsonNode> changed(List<JsonNode> pods, Instant now) {
        List<JsonNode> changed = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (JsonNode pod : pods) {
            present.add(name(pod));
            if (!unchanged(pod, now)) changed.add(pod);
        }
        printed.keySet().retainAll(present);
        return changed;
    }

    /** Records a pod's row as printed without printing it (for the outputs that are not the table). */
    void seen(JsonNode pod, Instant now) { printed.put(name(pod), key(PodPrinter.row(pod, now, wide))); }

    private static String name(JsonNode pod) { return pod.path("metadata").path("name").asText(""); }

    private static String key(List<String> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i == 4) continue; // AGE
            String cell = row.get(i);
            if (i == 3 && cell.indexOf(' ') > 0) cell = cell.substring(0, cell.indexOf(' ')); // "2 (5m ago)" -> "2"
            sb.append(cell).append('\t');
        }
        return sb.toString();
    }
}
