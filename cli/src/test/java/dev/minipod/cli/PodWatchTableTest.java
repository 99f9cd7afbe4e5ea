package dev.minipod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodWatchTableTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static JsonNode pod(String name, String phase, int restarts) {
        return PodPrinterTest.pod("{'metadata':{'name':'" + name + "','creationTimestamp':'2026-03-01T11:55:00Z'},"
                + "'spec':{'containers':[{'name':'app'}]},'status':{'phase':'" + phase + "','containerStatuses':[{'name':'app',"
                + "'ready':" + phase.equals("Running") + ",'restartCount':" + restarts + ",'state':{'running':{}},"
                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2026-03-01T11:58:00Z'}}}]}}");
    }

    @Test
    void headerOnceThenRowsAlignedToTheRememberedWidths() {
        PodWatchTable t = new PodWatchTable(false);
        assertThat(t.rows(List.of(), NOW)).isEmpty();
        assertThat(t.rows(List.of(pod("demo", "Pending", 0)), NOW))
                .isEqualTo("NAME   READY   STATUS    RESTARTS   AGE\ndemo   0/1     Pending   0          5m\n");
        assertThat(t.row(pod("demo", "Running", 0), NOW)).isEqualTo("demo   1/1     Running   0          5m\n");
        assertThat(t.row(pod("a-longer-name", "Running", 2), NOW))
                .isEqualTo("a-longer-name   1/1     Running   2 (2m ago)   5m\n");
    }

    @Test
    void onlyChangesThatAreNotAgeingCount() {
        PodWatchTable t = new PodWatchTable(false);
        t.rows(List.of(pod("a", "Running", 1), pod("b", "Pending", 0)), NOW);
        Instant later = NOW.plusSeconds(90);
        assertThat(t.changed(List.of(pod("a", "Running", 1), pod("b", "Pending", 0)), later)).as("AGE and '(Xm ago)' age").isEmpty();
        List<JsonNode> changed = t.changed(List.of(pod("a", "Running", 2), pod("b", "Pending", 0), pod("c", "Pending", 0)), later);
        assertThat(changed).extracting(p -> p.path("metadata").path("name").asText()).containsExactly("a", "c");
        t.row(pod("a", "Running", 2), later);
        t.row(pod("c", "Pending", 0), later);
        assertThat(t.changed(List.of(pod("a", "Running", 2)), later)).as("b and c are gone").isEmpty();
        assertThat(t.changed(List.of(pod("a", "Running", 2), pod("b", "Pending", 0)), later)).as("b is new again").hasSize(1);
    }

    @Test
    void wideRowsKeepTheirColumns() {
        PodWatchTable t = new PodWatchTable(true);
        assertThat(t.row(pod("demo", "Running", 0), NOW))
                .isEqualTo("NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n"
                        + "demo   1/1     Running   0          5m    <none>   <none>   <none>           <none>\n");
    }
}
