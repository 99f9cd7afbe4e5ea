package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PodBuilder;

class PodFieldsTest {
    @Test
    void mapsAreSortedKeyQuotedValueLinesWithoutATrailingNewline() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zone", "eu");
        m.put("app", "say \"hi\"\\\nbye");
        assertThat(PodFields.formatMap(m)).isEqualTo("app=\"say \\\"hi\\\"\\\\\\nbye\"\nzone=\"eu\"");
        assertThat(PodFields.formatMap(Map.of())).isEmpty();
    }

    @Test
    void wholeLabelAndAnnotationMapsAndSubscripts() {
        var pod = new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of("b", "2", "a", "1"))
                .withAnnotations(Map.of("k8s.io/x", "y")).endMetadata().withNewSpec().endSpec().build();
        PodFields f = new PodFields(pod, "10.0.0.1", List.of("10.1.0.2", "fd00::2"));
        assertThat(f.resolve("metadata.labels")).isEqualTo("a=\"1\"\nb=\"2\"");
        assertThat(f.resolve("metadata.annotations['k8s.io/x']")).isEqualTo("y");
        assertThat(f.resolve("status.podIPs")).isEqualTo("10.1.0.2,fd00::2");
        assertThat(f.resolve("status.podIP")).isEqualTo("10.1.0.2");
    }
}
