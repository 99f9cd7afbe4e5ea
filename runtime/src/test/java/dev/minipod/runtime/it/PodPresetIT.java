package dev.minipod.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.minipod.runtime.objects.Kind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/** A PodPreset reaches a new pod's container (env, as the process sees it); a conflict leaves the pod as written. Needs root. */
@Tag("root")
class PodPresetIT {
    private static final String PRESET = """
            {"apiVersion":"settings.k8s.io/v1alpha1","kind":"PodPreset","metadata":{"name":"allow-database"},
             "spec":{"selector":{"matchLabels":{"role":"frontend"}},"env":[{"name":"DB_PORT","value":"6379"}]}}""";

    private static String pod(String name, String env) {
        return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", labels: {role: frontend}}\nspec:\n  containers:\n"
                + "  - {name: app, image: busybox, command: [sleep, '3600'], env: [" + env + "]}\n";
    }

    @Test
    void aMatchingPresetInjectsEnvAndAConflictIsAnEvent() throws Exception {
        try (TestNode node = TestNode.start()) {
            String rv = node.objects().create(Kind.POD_PRESET, TestNode.NS, PRESET.getBytes(StandardCharsets.UTF_8))
                    .path("metadata").path("resourceVersion").asText();

            Pod web = node.create(pod("web", "{name: MODE, value: prod}"));
            assertThat(web.getMetadata().getAnnotations()).containsEntry("podpreset.admission.kubernetes.io/podpreset-allow-database", rv);
            node.await("web", TestNode.allRunning());
            assertThat(node.exec("web", "app", "sh", "-c", "echo $DB_PORT:$MODE").stdout()).isEqualTo("6379:prod\n");

            Pod clash = node.create(pod("clash", "{name: DB_PORT, value: '5432'}"));
            assertThat(clash.getMetadata().getAnnotations()).doesNotContainKey("podpreset.admission.kubernetes.io/podpreset-allow-database");
            assertThat(node.pods().events(TestNode.NS, Map.of("involvedObject.name", "clash")).getItems())
                    .filteredOn(e -> "PodPreset".equals(e.getReason()))
                    .singleElement().extracting(Event::getType, e -> e.getMessage().lines().findFirst().orElse(""))
                    .containsExactly("Warning", "conflict occurred while applying podpresets: allow-database on pod:  err: "
                            + "merging env for allow-database has a conflict on DB_PORT: ");
            node.await("clash", TestNode.allRunning());
            assertThat(node.exec("clash", "app", "sh", "-c", "echo $DB_PORT").stdout()).isEqualTo("5432\n");
        }
    }
}
