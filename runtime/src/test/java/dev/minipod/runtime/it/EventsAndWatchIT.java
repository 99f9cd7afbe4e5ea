package dev.minipod.runtime.it;

import static dev.minipod.runtime.it.TestNode.allRunning;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.status.PodChanges;
import io.fabric8.kubernetes.api.model.Event;

/** kubelet-style events and the pod watch stream, from real pods. Needs root. */
@Tag("root")
class EventsAndWatchIT {
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private List<String> events(String pod) {
        List<String> out = new ArrayList<>();
        for (Event e : node.pods().events(TestNode.NS, Map.of("involvedObject.name", pod)).getItems()) {
            out.add(e.getType() + " " + e.getReason() + " " + (e.getInvolvedObject().getFieldPath() == null ? "-" : e.getInvolvedObject().getFieldPath())
                    + " " + e.getMessage());
        }
        return out;
    }

    @Test
    void startingAndDeletingAPodRecordsTheKubeletsEvents() {
        node.create("apiVersion: v1\nkind: Pod\nmetadata: {name: ev}\nspec:\n  containers:\n  - {name: app, image: busybox, command: [sleep, '3600']}\n");
        node.await("ev", allRunning());
        String uid = node.get("ev").getMetadata().getUid();
        node.delete("ev", 0);
        assertThat(events("ev")).containsExactly(
                "Normal Scheduled - Successfully assigned default/ev to testnode",
                // no cluster DNS: ClusterFirst falls back to the node's resolver, as a kubelet without clusterDNS says
                "Warning MissingClusterDNS - pod: \"ev_default(" + uid + ")\". kubelet does not have ClusterDNS IP configured and "
                        + "cannot create Pod using \"ClusterFirst\" policy. Falling back to \"Default\" policy.",
                "Normal Pulled spec.containers{app} Container image \"busybox\" already present on machine",
                "Normal Created spec.containers{app} Created container: app",
                "Normal Started spec.containers{app} Started container app",
                "Normal Killing spec.containers{app} Stopping container app");
    }

    @Test
    void aCrashLoopRecordsBackOffWarnings() {
        node.create("apiVersion: v1\nkind: Pod\nmetadata: {name: crash}\nspec:\n  containers:\n  - {name: c, image: busybox, command: [sh, -c, 'exit 1']}\n");
        node.await("crash", p -> TestNode.status(p, "c").getRestartCount() >= 2);
        String uid = node.get("crash").getMetadata().getUid();
        assertThat(events("crash")).contains(
                "Warning BackOff spec.containers{c} Back-off restarting failed container c in pod crash_default(" + uid + ")");
    }

    @Test
    void watchSeesThePodAddedModifiedAndDeleted() throws Exception {
        BlockingQueue<PodChanges.Change> changes = node.pods().watch(TestNode.NS);
        try {
            node.create("apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  containers:\n  - {name: app, image: busybox, command: [sleep, '3600']}\n");
            node.await("w", allRunning());
            node.delete("w", 0);
            List<String> seen = new ArrayList<>();
            PodChanges.Change c;
            while ((c = changes.poll(2, TimeUnit.SECONDS)) != null) {
                seen.add(c.type());
                if (c.type().equals("DELETED")) {
                    break;
                }
            }
            assertThat(seen).first().isEqualTo("ADDED");
            assertThat(seen).contains("MODIFIED").last().isEqualTo("DELETED");
        } finally {
            node.pods().unwatch(changes);
        }
    }
}
