package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * {@code describe pod}: kubectl's layout, section for section, built the way kubectl builds it (lines of
 * tab-separated cells, indented two spaces a level, aligned by a {@link TabWriter} with padding 2, flushed once
 * before the Events table). Pure: the clock and the time zone (kubectl prints times in the local zone) are
 * parameters.
 */
public final class PodDescriber {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    static final int MAX_ANNOTATION_LEN = 140;

    private final TabWriter w = new TabWriter(0, 2, false);
    private final JsonNode pod;
    private final Instant now;
    private final ZoneId zone;

    private PodDescriber(JsonNode pod, Instant now, ZoneId zone) {
        this.pod = pod;
        this.now = now;
        this.zone = zone;
    }

    /** The whole description, ending in a newline; {@code events} are the pod's events (empty for none). */
    public static String describe(JsonNode pod, List<JsonNode> events, Instant now, ZoneId zone) {
        PodDescriber d = new PodDescriber(pod, now, zone);
        d.pod();
        d.events(events);
        return d.w.flush().take();
    }

    private void line(int level, String text) {
        w.write("  ".repeat(level)).write(text);
    }

    private static String text(JsonNode n, String field) { return n.path(field).asText(""); }

    private static String orNone(String s) { return s.isEmpty() ? "<none>" : s; }

    private void pod() {
        JsonNode meta = pod.path("metadata");
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        line(0, "Name:\t" + text(meta, "name") + "\n");
        line(0, "Namespace:\t" + text(meta, "namespace") + "\n");
        if (spec.path("priority").isNumber()) line(0, "Priority:\t" + spec.path("priority").asLong() + "\n");
        if (!text(spec, "priorityClassName").isEmpty()) line(0, "Priority Class Name:\t" + text(spec, "priorityClassName") + "\n");
        if (!text(spec, "runtimeClassName").isEmpty()) line(0, "Runtime Class Name:\t" + text(spec, "runtimeClassName") + "\n");
        if (!text(spec, "serviceAccountName").isEmpty()) line(0, "Service Account:\t" + text(spec, "serviceAccountName") + "\n");
        String node = text(spec, "nodeName");
        line(0, "Node:\t" + (node.isEmpty() ? "<none>" : node + "/" + text(status, "hostIP")) + "\n");
        Instant start = PodPrinter.instant(status.path("startTime"));
        if (start != null) line(0, "Start Time:\t" + time(start) + "\n");
        labels("Labels", meta.path("labels"));
        annotations(meta.path("annotations"));
        String phase = text(status, "phase");
        Instant deleted = PodPrinter.instant(meta.path("deletionTimestamp"));
        if (deleted != null && !phase.equals("Failed") && !phase.equals("Succeeded")) {
            line(0, "Status:\tTerminating (lasts " + since(deleted) + ")\n");
            line(0, "Termination Grace Period:\t" + meta.path("deletionGracePeriodSeconds").asLong(0) + "s\n");
        } else {
            line(0, "Status:\t" + phase + "\n");
        }
        if (!text(status, "reason").isEmpty()) line(0, "Reason:\t" + text(status, "reason") + "\n");
        if (!text(status, "message").isEmpty()) line(0, "Message:\t" + text(status, "message") + "\n");
        line(0, "IP:\t" + text(status, "podIP") + "\n");
        JsonNode ips = status.path("podIPs");
        if (ips.size() == 0) {
            line(0, "IPs:\t<none>\n");
        } else {
            line(0, "IPs:\n");
            for (JsonNode ip : ips) line(1, "IP:\t" + text(ip, "ip") + "\n");
        }
        for (JsonNode ref : meta.path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                line(0, "Controlled By:\t" + text(ref, "kind") + "/" + text(ref, "name") + "\n");
                break;
            }
        }
        if (!text(status, "nominatedNodeName").isEmpty()) line(0, "NominatedNodeName:\t" + text(status, "nominatedNodeName") + "\n");
        if (spec.path("initContainers").size() > 0) {
            containers("Init Containers", spec.path("initContainers"), status.path("initContainerStatuses"));
        }
        containers("Containers", spec.path("containers"), status.path("containerStatuses"));
        JsonNode gates = spec.path("readinessGates");
        if (gates.size() > 0) {
            line(0, "Readiness Gates:\n  Type\tStatus\n");
            for (JsonNode g : gates) {
                String type = text(g, "conditionType");
                String st = "<none>";
                for (JsonNode c : status.path("conditions")) {
                    if (type.equals(text(c, "type"))) {
                        st = text(c, "status");
                        break;
                    }
                }
                line(1, type + " \t" + st + " \n");
            }
        }
        if (status.path("conditions").size() > 0) {
            line(0, "Conditions:\n  Type\tStatus\n");
            for (JsonNode c : status.path("conditions")) line(1, text(c, "type") + " \t" + text(c, "status") + " \n");
        }
        volumes(spec.path("volumes"));
        String qos = text(status, "qosClass");
        line(0, "QoS Class:\t" + (qos.isEmpty() ? qosClass(spec) : qos) + "\n");
        labels("Node-Selectors", spec.path("nodeSelector"));
        tolerations(spec.path("tolerations"));
    }

    private String time(Instant t) { return Rfc1123.format(t, zone.getRules().getOffset(t)); }

    private String timeOrZero(JsonNode ts) {
        Instant t = PodPrinter.instant(ts);
        return t == null ? Rfc1123.ZERO : time(t);
    }

    private String since(Instant t) { return t == null ? "<unknown>" : HumanDuration.format(Duration.between(t, now)); }

    private static List<String> sortedKeys(JsonNode obj) {
        List<String> keys = new ArrayList<>();
        Iterator<String> it = obj.fieldNames();
        while (it.hasNext()) keys.add(it.next());
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    private void labels(String title, JsonNode map) { labels(w, title, map); }

    private void annotations(JsonNode map) { annotations(w, map); }

    /** {@code Title:\tk=v}, further pairs on their own lines under the first value (also used for other kinds). */
    static void labels(TabWriter w, String title, JsonNode map) {
        w.write(title + ":\t");
        List<String> keys = sortedKeys(map);
        if (keys.isEmpty()) {
            w.write("<none>\n");
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) w.write("\t");
            w.write(keys.get(i) + "=" + map.path(keys.get(i)).asText("") + "\n");
        }
    }

    /** kubectl hides the last-applied-configuration annotation and folds long or multi-line values. */
    static void annotations(TabWriter w, JsonNode map) {
        w.write("Annotations:\t");
        List<String> keys = sortedKeys(map);
        keys.remove(LAST_APPLIED);
        if (keys.isEmpty()) {
            w.write("<none>\n");
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (i > 0) w.write("\t");
            String value = map.path(key).asText("");
            if (value.endsWith("\n")) value = value.substring(0, value.length() - 1);
            if (value.length() + key.length() + 2 > MAX_ANNOTATION_LEN || value.contains("\n")) {
                w.write(key + ":\n");
                for (String s : value.split("\n", -1)) {
                    String shown = s.length() > MAX_ANNOTATION_LEN - 2 ? s.substring(0, MAX_ANNOTATION_LEN - 2) + "..." : s;
                    w.write("\t  " + shown + "\n");
                }
            } else {
                w.write(key + ": " + value + "\n");
            }
        }
    }

    private void containers(String label, JsonNode containers, JsonNode statuses) {
        line(0, label + ":" + (containers.size() == 0 ? " <none>" : "") + "\n");
        for (JsonNode c : containers) {
            String name = text(c, "name");
            JsonNode st = null;
            for (JsonNode s : statuses) {
                if (name.equals(text(s, "name"))) st = s;
            }
            line(1, name + ":\n");
            if (st != null) line(2, "Container ID:\t" + text(st, "containerID") + "\n");
            line(2, "Image:\t" + text(c, "image") + "\n");
            if (st != null) line(2, "Image ID:\t" + text(st, "imageID") + "\n");
            List<String> ports = new ArrayList<>();
            List<String> hostPorts = new ArrayList<>();
            for (JsonNode p : c.path("ports")) {
                String proto = text(p, "protocol").isEmpty() ? "TCP" : text(p, "protocol");
                ports.add(p.path("containerPort").asInt(0) + "/" + proto);
                hostPorts.add(p.path("hostPort").asInt(0) + "/" + proto);
            }
            line(2, (ports.size() > 1 ? "Ports:\t" : "Port:\t") + orNone(String.join(", ", ports)) + "\n");
            line(2, (hostPorts.size() > 1 ? "Host Ports:\t" : "Host Port:\t") + orNone(String.join(", ", hostPorts)) + "\n");
            lines("Command", c.path("command"));
            lines("Args", c.path("args"));
            if (st != null) {
                state("State", st.path("state"));
                if (st.path("lastState").has("terminated")) state("Last State", st.path("lastState"));
                line(2, "Ready:\t" + (st.path("ready").asBoolean(false) ? "True" : "False") + "\n");
                line(2, "Restart Count:\t" + st.path("restartCount").asInt(0) + "\n");
            }
            resources("Limits", c.path("resources").path("limits"));
            resources("Requests", c.path("resources").path("requests"));
            probe("Liveness", c.path("livenessProbe"));
            probe("Readiness", c.path("readinessProbe"));
            probe("Startup", c.path("startupProbe"));
            envFrom(c.path("envFrom"));
            env(c, c.path("env"));
            mounts(c.path("volumeMounts"));
        }
    }

    private void lines(String title, JsonNode list) {
        if (list.size() == 0) return;
        line(2, title + ":\n");
        for (JsonNode a : list) {
            for (String s : a.asText("").split("\n", -1)) line(3, s + "\n");
        }
    }

    private void state(String title, JsonNode state) {
        if (state.has("running")) {
            line(2, title + ":\tRunning\n");
            line(3, "Started:\t" + timeOrZero(state.path("running").path("startedAt")) + "\n");
        } else if (state.has("waiting")) {
            line(2, title + ":\tWaiting\n");
            String reason = text(state.path("waiting"), "reason");
            if (!reason.isEmpty()) line(3, "Reason:\t" + reason + "\n");
        } else if (state.has("terminated")) {
            JsonNode t = state.path("terminated");
            line(2, title + ":\tTerminated\n");
            if (!text(t, "reason").isEmpty()) line(3, "Reason:\t" + text(t, "reason") + "\n");
            if (!text(t, "message").isEmpty()) line(3, "Message:\t" + text(t, "message") + "\n");
            line(3, "Exit Code:\t" + t.path("exitCode").asInt(0) + "\n");
            if (t.path("signal").asInt(0) > 0) line(3, "Signal:\t" + t.path("signal").asInt() + "\n");
            line(3, "Started:\t" + timeOrZero(t.path("startedAt")) + "\n");
            line(3, "Finished:\t" + timeOrZero(t.path("finishedAt")) + "\n");
        } else {
            line(2, title + ":\tWaiting\n");
        }
    }

    /** Quantities as the manifest spelled them (kubectl prints them canonicalized). */
    private void resources(String title, JsonNode list) {
        List<String> names = sortedKeys(list);
        if (names.isEmpty()) return;
        line(2, title + ":\n");
        for (String n : names) line(3, n + ":\t" + list.path(n).asText("") + "\n");
    }

    private void probe(String title, JsonNode p) {
        if (!p.isObject()) return;
        String attrs = "delay=" + p.path("initialDelaySeconds").asInt(0) + "s timeout=" + p.path("timeoutSeconds").asInt(1)
                + "s period=" + p.path("periodSeconds").asInt(10) + "s #success=" + p.path("successThreshold").asInt(1)
                + " #failure=" + p.path("failureThreshold").asInt(3);
        String what;
        if (p.has("exec")) {
            List<String> cmd = new ArrayList<>();
            for (JsonNode a : p.path("exec").path("command")) cmd.add(a.asText(""));
            what = "exec [" + String.join(" ", cmd) + "]";
        } else if (p.has("httpGet")) {
            JsonNode h = p.path("httpGet");
            String scheme = text(h, "scheme").isEmpty() ? "http" : text(h, "scheme").toLowerCase(java.util.Locale.ROOT);
            String host = text(h, "host");
            String port = text(h, "port");
            if (!port.isEmpty()) host = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            String path = text(h, "path");
            if (!path.isEmpty() && !path.startsWith("/")) path = "/" + path;
            what = "http-get " + scheme + "://" + host + path;
        } else if (p.has("tcpSocket")) {
            what = "tcp-socket " + text(p.path("tcpSocket"), "host") + ":" + text(p.path("tcpSocket"), "port");
        } else if (p.has("grpc")) {
            what = "grpc <pod>:" + p.path("grpc").path("port").asInt(0) + " " + text(p.path("grpc"), "service");
        } else {
            what = "unknown";
        }
        line(2, title + ":\t" + what + " " + attrs + "\n");
    }

    private void envFrom(JsonNode list) {
        if (list.size() == 0) return;
        line(2, "Environment Variables from:\n");
        for (JsonNode e : list) {
            String from = "";
            JsonNode ref = null;
            if (e.has("configMapRef")) {
                from = "ConfigMap";
                ref = e.path("configMapRef");
            } else if (e.has("secretRef")) {
                from = "Secret";
                ref = e.path("secretRef");
            }
            String name = ref == null ? "" : text(ref, "name");
            boolean optional = ref != null && ref.path("optional").asBoolean(false);
            String prefix = text(e, "prefix");
            line(3, name + "\t" + from + (prefix.isEmpty() ? "" : " with prefix '" + prefix + "'") + "\tOptional: " + optional + "\n");
        }
    }

    private void env(JsonNode container, JsonNode list) {
        line(2, "Environment:" + (list.size() == 0 ? "\t<none>" : "") + "\n");
        for (JsonNode e : list) {
            String name = text(e, "name");
            JsonNode from = e.get("valueFrom");
            if (from == null || from.isNull()) {
                String[] parts = text(e, "value").split("\n", -1);
                for (int i = 0; i < parts.length; i++) line(3, (i == 0 ? name + ":\t" : "\t") + parts[i] + "\n");
            } else if (from.has("fieldRef")) {
                JsonNode f = from.path("fieldRef");
                String api = text(f, "apiVersion").isEmpty() ? "v1" : text(f, "apiVersion");
                line(3, name + ":\t" + fieldValue(text(f, "fieldPath")) + " (" + api + ":" + text(f, "fieldPath") + ")\n");
            } else if (from.has("resourceFieldRef")) {
                JsonNode r = from.path("resourceFieldRef");
                String resource = text(r, "resource");
                String value = resourceValue(container, resource);
                if (value.equals("0") && (resource.equals("limits.cpu") || resource.equals("limits.memory"))) value = "node allocatable";
                line(3, name + ":\t" + value + " (" + resource + ")\n");
            } else if (from.has("secretKeyRef")) {
                JsonNode s = from.path("secretKeyRef");
                line(3, name + ":\t<set to the key '" + text(s, "key") + "' in secret '" + text(s, "name") + "'>\tOptional: "
                        + s.path("optional").asBoolean(false) + "\n");
            } else if (from.has("configMapKeyRef")) {
                JsonNode s = from.path("configMapKeyRef");
                line(3, name + ":\t<set to the key '" + text(s, "key") + "' of config map '" + text(s, "name") + "'>\tOptional: "
                        + s.path("optional").asBoolean(false) + "\n");
            }
        }
    }

    /** The downward-API fields kubectl resolves for the Environment section. */
    private String fieldValue(String path) {
        switch (path) {
            case "metadata.name": return text(pod.path("metadata"), "name");
            case "metadata.namespace": return text(pod.path("metadata"), "namespace");
            case "metadata.uid": return text(pod.path("metadata"), "uid");
            case "spec.nodeName": return text(pod.path("spec"), "nodeName");
            case "spec.serviceAccountName": return text(pod.path("spec"), "serviceAccountName");
            case "status.hostIP": return text(pod.path("status"), "hostIP");
            case "status.podIP": return text(pod.path("status"), "podIP");
            default:
                if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
                    return pod.path("metadata").path("labels").path(path.substring(17, path.length() - 2)).asText("");
                }
                if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
                    return pod.path("metadata").path("annotations").path(path.substring(22, path.length() - 2)).asText("");
                }
                return "";
        }
    }

    private static String resourceValue(JsonNode container, String resource) {
        int dot = resource.indexOf('.');
        if (dot < 0) return "";
        String v = container.path("resources").path(resource.substring(0, dot)).path(resource.substring(dot + 1)).asText("");
        return v.isEmpty() ? "0" : v;
    }

    private void mounts(JsonNode list) {
        line(2, "Mounts:" + (list.size() == 0 ? "\t<none>" : "") + "\n");
        List<JsonNode> sorted = new ArrayList<>();
        for (JsonNode m : list) sorted.add(m);
        sorted.sort(BY_MOUNT_PATH);
        for (JsonNode m : sorted) {
            String flags = m.path("readOnly").asBoolean(false) ? "ro" : "rw";
            if (!text(m, "subPath").isEmpty()) flags += ",path=\"" + text(m, "subPath") + "\"";
            line(3, text(m, "mountPath") + " from " + text(m, "name") + " (" + flags + ")\n");
        }
    }

    /** A plain class, not a lambda: the first lambda of a JVM costs start-up time. */
    private static final Comparator<JsonNode> BY_MOUNT_PATH = new Comparator<JsonNode>() {
        @Override
        public int compare(JsonNode a, JsonNode b) { return text(a, "mountPath").compareTo(text(b, "mountPath")); }
    };

    private void volumes(JsonNode list) {
        if (list.size() == 0) {
            line(0, "Volumes:\t<none>\n");
            return;
        }
        line(0, "Volumes:\n");
        for (JsonNode v : list) {
            line(1, text(v, "name") + ":\n");
            if (v.has("hostPath")) {
                JsonNode h = v.path("hostPath");
                line(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + text(h, "path") + "\n    HostPathType:\t"
                        + (h.has("type") ? text(h, "type") : "<none>") + "\n");
            } else if (v.has("emptyDir")) {
                JsonNode e = v.path("emptyDir");
                String limit = text(e, "sizeLimit");
                line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" + text(e, "medium")
                        + "\n    SizeLimit:\t" + (limit.isEmpty() || limit.equals("0") ? "<unset>" : limit) + "\n");
            } else if (v.has("configMap")) {
                JsonNode c = v.path("configMap");
                line(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + text(c, "name") + "\n    Optional:\t"
                        + c.path("optional").asBoolean(false) + "\n");
            } else if (v.has("secret")) {
                JsonNode s = v.path("secret");
                line(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" + text(s, "secretName") + "\n    Optional:\t"
                        + s.path("optional").asBoolean(false) + "\n");
            } else if (v.has("persistentVolumeClaim")) {
                JsonNode c = v.path("persistentVolumeClaim");
                line(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t"
                        + text(c, "claimName") + "\n    ReadOnly:\t" + c.path("readOnly").asBoolean(false) + "\n");
            } else if (v.has("downwardAPI")) {
                line(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
                for (JsonNode item : v.path("downwardAPI").path("items")) {
                    if (item.has("fieldRef")) line(3, text(item.path("fieldRef"), "fieldPath") + " -> " + text(item, "path") + "\n");
                    if (item.has("resourceFieldRef")) line(3, text(item.path("resourceFieldRef"), "resource") + " -> " + text(item, "path") + "\n");
                }
            } else {
                line(1, "<unknown>\n");
            }
        }
    }

    private void tolerations(JsonNode list) {
        line(0, "Tolerations:\t");
        if (list.size() == 0) {
            w.write("<none>\n");
            return;
        }
        List<JsonNode> sorted = new ArrayList<>();
        for (JsonNode t : list) sorted.add(t);
        sorted.sort(BY_KEY);
        for (int i = 0; i < sorted.size(); i++) {
            JsonNode t = sorted.get(i);
            if (i > 0) w.write("\t");
            String key = text(t, "key");
            String value = text(t, "value");
            String effect = text(t, "effect");
            StringBuilder sb = new StringBuilder(key);
            if (!value.isEmpty()) sb.append('=').append(value);
            if (!effect.isEmpty()) sb.append(':').append(effect);
            if ("Exists".equals(text(t, "operator")) && value.isEmpty()) {
                sb.append(key.isEmpty() && effect.isEmpty() ? "op=Exists" : " op=Exists");
            }
            if (t.path("tolerationSeconds").isNumber()) sb.append(" for ").append(t.path("tolerationSeconds").asLong()).append('s');
            w.write(sb.append('\n').toString());
        }
    }

    private static final Comparator<JsonNode> BY_KEY = new Comparator<JsonNode>() {
        @Override
        public int compare(JsonNode a, JsonNode b) { return text(a, "key").compareTo(text(b, "key")); }
    };

    /** BestEffort, Burstable or Guaranteed from the cpu/memory requests and limits (status.qosClass wins when set). */
    static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode c : spec.path("initContainers")) all.add(c);
        for (JsonNode c : spec.path("containers")) all.add(c);
        for (JsonNode c : all) {
            JsonNode req = c.path("resources").path("requests");
            JsonNode lim = c.path("resources").path("limits");
            for (String r : new String[] {"cpu", "memory"}) {
                String rq = text(req, r);
                String lm = text(lim, r);
                if (!rq.isEmpty() || !lm.isEmpty()) any = true;
                if (lm.isEmpty() || (!rq.isEmpty() && !rq.equals(lm))) guaranteed = false;
            }
        }
        if (!any) return "BestEffort";
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    /** kubectl's Events table, oldest lastTimestamp first, aligned on its own (kubectl flushes before it). */
    private void events(List<JsonNode> events) {
        String uid = text(pod.path("metadata"), "uid");
        List<JsonNode> mine = new ArrayList<>();
        for (JsonNode e : events) {
            String other = text(e.path("involvedObject"), "uid");
            if (!uid.isEmpty() && !other.isEmpty() && !uid.equals(other)) continue;
            mine.add(e);
        }
        if (mine.isEmpty()) {
            line(0, "Events:\t<none>\n");
            return;
        }
        w.flush();
        mine.sort(BY_LAST_TIMESTAMP);
        line(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
        line(1, "----\t------\t----\t----\t-------\n");
        for (JsonNode e : mine) {
            Instant first = PodPrinter.instant(e.path("eventTime"));
            if (first == null) first = PodPrinter.instant(e.path("firstTimestamp"));
            String interval;
            JsonNode series = e.path("series");
            if (series.isObject()) {
                interval = since(PodPrinter.instant(series.path("lastObservedTime"))) + " (x" + series.path("count").asInt(0)
                        + " over " + since(first) + ")";
            } else if (e.path("count").asInt(0) > 1) {
                interval = since(PodPrinter.instant(e.path("lastTimestamp"))) + " (x" + e.path("count").asInt() + " over "
                        + since(first) + ")";
            } else {
                interval = since(first);
            }
            String source = text(e.path("source"), "component");
            if (source.isEmpty()) source = text(e, "reportingController");
            line(1, text(e, "type") + "\t" + text(e, "reason") + "\t" + interval + "\t" + source + "\t" + text(e, "message").strip() + "\n");
        }
    }

    private static final Comparator<JsonNode> BY_LAST_TIMESTAMP = new Comparator<JsonNode>() {
        @Override
        public int compare(JsonNode a, JsonNode b) {
            Instant x = PodPrinter.instant(a.path("lastTimestamp"));
            Instant y = PodPrinter.instant(b.path("lastTimestamp"));
            if (x == null) x = Instant.MIN;
            if (y == null) y = Instant.MIN;
            return x.compareTo(y);
        }
    };

    /** Event names kubectl's field selector would match: same involved pod name and namespace. */
    static boolean about(JsonNode event, String ns, String name) {
        JsonNode o = event.path("involvedObject");
        String ons = text(o, "namespace");
        String kind = text(o, "kind");
        return name.equals(text(o, "name")) && (ons.isEmpty() || ons.equals(ns)) && (kind.isEmpty() || kind.equals("Pod"));
    }
}
