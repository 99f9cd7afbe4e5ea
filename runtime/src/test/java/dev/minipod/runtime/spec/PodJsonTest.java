package dev.minipod.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import org.junit.jupiter.api.Test;

class PodJsonTest {
    static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  creationTimestamp: '2026-01-02T15:04:05Z'\n"
            + "spec:\n  containers:\n  - name: app\n    image: busybox\n";

    @Test
    void jsonRoundTripWithoutNulls() {
        Pod pod = ManifestLoader.loadPod(POD);
        String json = PodJson.toJson(pod);
        assertThat(json).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"").doesNotContain("null")
                .contains("\"creationTimestamp\":\"2026-01-02T15:04:05Z\"");
        assertThat(PodJson.fromJson(json, Pod.class)).isEqualTo(pod);
    }

    @Test
    void yamlOutputReloads() {
        Pod pod = ManifestLoader.loadPod(POD);
        String yaml = PodJson.toYaml(pod);
        assertThat(yaml).startsWith("apiVersion: v1\n").doesNotContain("---");
        assertThat(ManifestLoader.loadPod(yaml)).isEqualTo(pod);
    }

    @Test
    void podList() {
        PodList list = new PodListBuilder().withItems(ManifestLoader.loadPod(POD)).build();
        assertThat(PodJson.toPrettyJson(list)).contains("\"kind\" : \"PodList\"").contains("\"items\"");
    }

    @Test
    void copyIsDeep() {
        Pod pod = ManifestLoader.loadPod(POD);
        Pod copy = PodJson.copy(pod, Pod.class);
        copy.getSpec().getContainers().get(0).setImage("other");
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("busybox");
    }
}
