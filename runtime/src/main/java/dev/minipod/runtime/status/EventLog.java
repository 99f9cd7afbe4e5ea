package dev.minipod.runtime.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The node's events, kept like the API server keeps them: v1 Events about pods, a repeat of the
 * same object + reason + message folded into one with a count, dropped an hour after their last
 * occurrence (the API server's default event TTL) or when the log is full.
 */
public final class EventLog {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    static final Duration TTL = Duration.ofHours(1);
    static final int CAPACITY = 5000;

    private final Clock clock;
    private final String node;
    private final Deque<Event> events = new ArrayDeque<>();

    public EventLog(Clock clock, String node) {
        this.clock = clock;
        this.node = node;
    }

    /** An event about a pod (fieldPath null) or one of its containers. */
    public synchronized void record(Pod pod, String fieldPath, String type, String reason, String message, String component) {
        String now = Rfc3339.format(clock.instant());
        for (Event e : events) {
            if (sameSubject(e, pod, fieldPath) && e.getReason().equals(reason) && e.getMessage().equals(message)
                    && e.getType().equals(type)) {
                events.remove(e);
                e.setCount(e.getCount() + 1);
                e.setLastTimestamp(now);
                events.addLast(e);
                return;
            }
        }
        events.addLast(new EventBuilder()
                .withNewMetadata()
                    .withName(pod.getMetadata().getName() + "." + HexFormat.of().formatHex(randomBytes()))
                    .withNamespace(pod.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withKind("Pod").withApiVersion("v1")
                    .withName(pod.getMetadata().getName())
                    .withNamespace(pod.getMetadata().getNamespace())
                    .withUid(pod.getMetadata().getUid())
                    .withFieldPath(fieldPath)
                .endInvolvedObject()
                .withReason(reason).withMessage(message).withType(type)
                .withCount(1).withFirstTimestamp(now).withLastTimestamp(now)
                .withNewSource().withComponent(component).withHost("kubelet".equals(component) ? node : null).endSource()
                .withReportingComponent(component).withReportingInstance("kubelet".equals(component) ? node : "")
                .build());
        while (events.size() > CAPACITY) {
            events.removeFirst();
        }
    }

    /** Live events of a namespace (null: all) matching a Kubernetes field selector, oldest first. */
    public synchronized List<Event> list(String namespace, Map<String, String> fieldSelector) {
        Instant cutoff = clock.instant().minus(TTL);
        events.removeIf(e -> Instant.parse(e.getLastTimestamp()).isBefore(cutoff));
        Predicate<Event> match = e -> namespace == null || namespace.equals(e.getMetadata().getNamespace());
        for (Map.Entry<String, String> f : fieldSelector.entrySet()) {
            match = match.and(e -> f.getValue().equals(field(e, f.getKey())));
        }
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (match.test(e)) {
                out.add(e);
            }
        }
        out.sort((a, b) -> a.getLastTimestamp().compareTo(b.getLastTimestamp()));
        return out;
    }

    /** The fields `kubectl describe` and `kubectl get events --field-selector` filter on. */
    static String field(Event e, String name) {
        return switch (name) {
            case "involvedObject.name" -> e.getInvolvedObject().getName();
            case "involvedObject.namespace" -> e.getInvolvedObject().getNamespace();
            case "involvedObject.uid" -> e.getInvolvedObject().getUid();
            case "involvedObject.kind" -> e.getInvolvedObject().getKind();
            case "involvedObject.fieldPath" -> e.getInvolvedObject().getFieldPath();
            case "reason" -> e.getReason();
            case "type" -> e.getType();
            case "metadata.name" -> e.getMetadata().getName();
            case "metadata.namespace" -> e.getMetadata().getNamespace();
            default -> throw new dev.minipod.runtime.MinipodException("BadRequest", 2,
                    "\"" + name + "\" is not a known field selector: only \"involvedObject.name\", \"involvedObject.namespace\", "
                            + "\"involvedObject.uid\", \"involvedObject.kind\", \"involvedObject.fieldPath\", \"reason\", \"type\", "
                            + "\"metadata.name\", \"metadata.namespace\"");
        };
    }

    private static boolean sameSubject(Event e, Pod pod, String fieldPath) {
        return Objects.equals(e.getInvolvedObject().getUid(), pod.getMetadata().getUid())
                && Objects.equals(e.getInvolvedObject().getFieldPath(), fieldPath);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}
