package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code get pods} table, column for column as kubectl computes it. Pure: the clock is a parameter.
 */
public final class PodPrinter {
    static final List<String> HEADERS = List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
    static final List<String> WIDE_HEADERS = List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES");

    private PodPrinter() {}

    /** The whole table including the header line, each line ending in a newline. */
    public static String table(List<JsonNode> pods, Instant now, boolean wide) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(HEADERS);
        if (wide) header.addAll(WIDE_HEADERS);
        rows.add(header);
        for (JsonNode pod : pods) rows.add(row(pod, now, wide));
        return align(rows);
    }

    /** One table row: NAME READY STATUS RESTARTS AGE [IP NODE NOMINATED NODE READINESS GATES]. */
    public static List<String> row(JsonNode pod, Instant now, boolean wide) {
        Summary s = summarize(pod);
        List<String> row = new ArrayList<>();
        row.add(pod.path("metadata").path("name").asText(""));
        row.add(s.ready + "/" + s.total);
        row.add(s.status);
        row.add(s.restarts != 0 && s.lastRestart != null
                ? s.restarts + " (" + since(s.lastRestart, now) + " ago)"
                : Integer.toString(s.restarts));
        row.add(since(instant(pod.path("metadata").path("creationTimestamp")), now));
        if (wide) {
            row.add(orNone(podIP(pod.path("status"))));
            row.add(orNone(pod.path("spec").path("nodeName").asText("")));
            row.add(orNone(pod.path("status").path("nominatedNodeName").asText("")));
            row.add(readinessGates(pod));
        }
        return row;
    }

    /** The STATUS column alone. */
    public static String status(JsonNode pod) { return summarize(pod).status; }

    private static final class Summary {
        String status;
        int ready;
        int total;
        int restarts;
        Instant lastRestart;
    }

    private static Summary summarize(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        JsonNode st = pod.path("status");
        Summary s = new Summary();
        s.total = spec.path("containers").size();
        String phase = st.path("phase").asText("");
        String reason = st.path("reason").asText("").isEmpty() ? phase : st.path("reason").asText();
        for (JsonNode c : st.path("conditions")) {
            if ("PodScheduled".equals(c.path("type").asText()) && "SchedulingGated".equals(c.path("reason").asText())) {
                reason = "SchedulingGated";
            }
        }

        Set<String> sidecars = new HashSet<>();
        for (JsonNode c : spec.path("initContainers")) {
            if ("Always".equals(c.path("restartPolicy").asText())) {
                sidecars.add(c.path("name").asText());
                s.total++;
            }
        }

        int restarts = 0;
        int sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        int initCount = spec.path("initContainers").size();
        JsonNode initStatuses = st.path("initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode c = initStatuses.get(i);
            boolean sidecar = sidecars.contains(c.path("name").asText());
            int rc = c.path("restartCount").asInt(0);
            restarts += rc;
            Instant finished = lastFinished(c);
            lastRestart = later(lastRestart, finished);
            if (sidecar) {
                sidecarRestarts += rc;
                lastSidecarRestart = later(lastSidecarRestart, finished);
            }
            JsonNode state = c.path("state");
            JsonNode term = state.get("terminated");
            JsonNode wait = state.get("waiting");
            if (term != null && term.path("exitCode").asInt(0) == 0) continue;
            if (sidecar && c.path("started").asBoolean(false)) {
                if (c.path("ready").asBoolean(false)) s.ready++;
                continue;
            }
            if (term != null) {
                String r = term.path("reason").asText("");
                reason = !r.isEmpty() ? "Init:" + r : "Init:" + signalOrExit(term);
            } else if (wait != null && !wait.path("reason").asText("").isEmpty()
                    && !"PodInitializing".equals(wait.path("reason").asText())) {
                reason = "Init:" + wait.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + initCount;
            }
            initializing = true;
            break;
        }

        if (!initializing || conditionTrue(st, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            JsonNode statuses = st.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode c = statuses.get(i);
                restarts += c.path("restartCount").asInt(0);
                lastRestart = later(lastRestart, lastFinished(c));
                JsonNode state = c.path("state");
                JsonNode term = state.get("terminated");
                JsonNode wait = state.get("waiting");
                if (wait != null && !wait.path("reason").asText("").isEmpty()) {
                    reason = wait.path("reason").asText();
                } else if (term != null && !term.path("reason").asText("").isEmpty()) {
                    reason = term.path("reason").asText();
                } else if (term != null) {
                    reason = signalOrExit(term);
                } else if (c.path("ready").asBoolean(false) && state.has("running")) {
                    hasRunning = true;
                    s.ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = anyReady(st) ? "Running" : "NotReady";
            }
        }

        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            if ("NodeLost".equals(st.path("reason").asText())) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                reason = "Terminating";
            }
        }
        s.status = reason;
        s.restarts = restarts;
        s.lastRestart = lastRestart;
        return s;
    }

    private static String signalOrExit(JsonNode term) {
        int signal = term.path("signal").asInt(0);
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + term.path("exitCode").asInt(0);
    }

    private static Instant lastFinished(JsonNode containerStatus) {
        JsonNode term = containerStatus.path("lastState").get("terminated");
        return term == null ? null : instant(term.path("finishedAt"));
    }

    /** Whether the first condition of this type is True (kubectl reads only the first one). */
    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (type.equals(c.path("type").asText())) return "True".equals(c.path("status").asText());
        }
        return false;
    }

    /** Whether any Ready condition is True. */
    private static boolean anyReady(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) return true;
        }
        return false;
    }

    /** status.podIPs[0].ip as kubectl shows it; status.podIP when a server fills only that. */
    private static String podIP(JsonNode status) {
        JsonNode ips = status.path("podIPs");
        if (ips.size() > 0) return ips.get(0).path("ip").asText("");
        return status.path("podIP").asText("");
    }

    private static String readinessGates(JsonNode pod) {
        JsonNode gates = pod.path("spec").path("readinessGates");
        if (gates.size() == 0) return "<none>";
        int trueCount = 0;
        for (JsonNode g : gates) {
            if (conditionTrue(pod.path("status"), g.path("conditionType").asText())) trueCount++;
        }
        return trueCount + "/" + gates.size();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.isAfter(a) ? b : a;
    }

    static Instant instant(JsonNode ts) {
        String text = ts.asText("");
        return text.isEmpty() ? null : Rfc3339.parse(text);
    }

    private static String since(Instant t, Instant now) {
        return t == null ? "<unknown>" : HumanDuration.format(Duration.between(t, now));
    }

    private static String orNone(String s) { return s.isEmpty() ? "<none>" : s; }

    /** Left-aligned columns separated by at least three spaces; the last column is not padded. */
    static String align(List<List<String>> rows) {
        int cols = 0;
        for (List<String> r : rows) cols = Math.max(cols, r.size());
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() - 1; i++) width[i] = Math.max(width[i], r.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                sb.append(r.get(i));
                if (i < r.size() - 1) sb.append(" ".repeat(width[i] - r.get(i).length() + 3));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
