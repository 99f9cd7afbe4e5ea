package dev.minipod.runtime.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.MemoryObjects;
import dev.minipod.runtime.plan.NodeAllocatable;
import dev.minipod.runtime.plan.PodFields;
import dev.minipod.runtime.spec.ManifestLoader;
import io.fabric8.kubernetes.api.model.Pod;

class PayloadsTest {
    private final MemoryObjects objects = new MemoryObjects();
    private final NodeAllocatable node = new NodeAllocatable(2000, 1L << 30);

    private Map<String, String> files(String volumes) {
        Pod pod = ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\n  uid: u\n"
                + "  labels: {b: \"2\", a: \"1\"}\nspec:\n  containers:\n  - name: c\n    image: busybox\n  volumes:\n" + volumes);
        VolumePlan.Projected v = (VolumePlan.Projected) VolumePlan.of(pod, node).get(0);
        var ctx = new Payloads.Context(pod, objects, new PodFields(pod, "10.0.0.1", List.of()), node);
        Map<String, String> out = new java.util.TreeMap<>();
        Payloads.of(v, ctx).forEach((k, f) -> out.put(k + ":" + Integer.toOctalString(f.mode()), new String(f.data(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void everyKeyWithTheDefaultModeOrOnlyItemsAtTheirPaths() {
        objects.configMap("ns", "cm", Map.of("k1", "v1", "k2", "v2"));
        assertThat(files("  - name: v\n    configMap: {name: cm}\n")).containsExactly(Map.entry("k1:644", "v1"), Map.entry("k2:644", "v2"));
        assertThat(files("  - name: v\n    configMap:\n      name: cm\n      defaultMode: 0400\n      items:\n"
                + "      - {key: k2, path: dir/two}\n      - {key: k1, path: one, mode: 0777}\n"))
                .containsExactly(Map.entry("dir/two:400", "v2"), Map.entry("one:777", "v1"));
    }

    @Test
    void missingObjectsAndKeysFailUnlessOptional() {
        assertFailure("  - name: v\n    configMap: {name: none}\n", "configmap \"none\" not found");
        assertFailure("  - name: v\n    secret: {secretName: none}\n", "secret \"none\" not found");
        assertThat(files("  - name: v\n    secret: {secretName: none, optional: true}\n")).isEmpty();
        objects.configMap("ns", "cm", Map.of("k1", "v1"));
        assertFailure("  - name: v\n    configMap:\n      name: cm\n      items: [{key: nope, path: x}]\n",
                "configmap references non-existent config key: nope");
        assertThat(files("  - name: v\n    configMap:\n      name: cm\n      optional: true\n      items: [{key: nope, path: x}]\n")).isEmpty();
    }

    @Test
    void downwardAPIAndProjectedCombineSources() {
        objects.secret("ns", "s", Map.of("user", "admin"));
        assertThat(files("  - name: v\n    projected:\n      defaultMode: 0440\n      sources:\n"
                + "      - secret: {name: s}\n"
                + "      - downwardAPI:\n          items:\n          - {path: labels, fieldRef: {fieldPath: metadata.labels}}\n"
                + "          - {path: cpu, mode: 0600, resourceFieldRef: {containerName: c, resource: limits.cpu, divisor: 1m}}\n"))
                .containsExactly(Map.entry("cpu:600", "2000"), Map.entry("labels:440", "a=\"1\"\nb=\"2\""), Map.entry("user:440", "admin"));
    }

    @Test
    void secretDownwardAPIAndProjectedVolumesLiveOnTmpfsConfigMapsOnDisk() {
        Pod pod = ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "  - name: c\n    image: busybox\n    resources:\n      limits: {memory: 64Mi}\n"
                + "  volumes:\n  - name: s\n    secret: {secretName: x}\n  - name: c\n    configMap: {name: x}\n"
                + "  - name: m\n    emptyDir: {medium: Memory, sizeLimit: 1Gi}\n  - name: n\n    emptyDir: {medium: Memory, sizeLimit: 1Mi}\n"
                + "  - name: d\n    downwardAPI: {items: []}\n  - name: p\n    projected: {sources: []}\n");
        List<VolumePlan> v = VolumePlan.of(pod, node);
        assertThat(((VolumePlan.Projected) v.get(0)).tmpfsBytes()).as("secret tmpfs sized like a memory emptyDir").isEqualTo(64L << 20);
        assertThat(((VolumePlan.Projected) v.get(1)).tmpfs()).isFalse();
        assertThat(((VolumePlan.EmptyDir) v.get(2)).sizeBytes()).as("the pod limit is lower than sizeLimit").isEqualTo(64L << 20);
        assertThat(((VolumePlan.EmptyDir) v.get(3)).sizeBytes()).isEqualTo(1L << 20);
        assertThat(((VolumePlan.Projected) v.get(4)).tmpfsBytes()).isEqualTo(64L << 20);
        assertThat(((VolumePlan.Projected) v.get(5)).tmpfsBytes()).isEqualTo(64L << 20);
    }

    @Test
    void aMemoryEmptyDirWithoutLimitsGetsTheNodesAllocatableMemory() {
        Pod pod = ManifestLoader.loadPod("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
                + "  - name: c\n    image: busybox\n  volumes:\n  - name: m\n    emptyDir: {medium: Memory}\n");
        assertThat(((VolumePlan.EmptyDir) VolumePlan.of(pod, node).get(0)).sizeBytes()).isEqualTo(1L << 30);
    }

    private void assertFailure(String volumes, String message) {
        assertThatThrownBy(() -> files(volumes)).isInstanceOfSatisfying(MinipodException.class, e -> {
            assertThat(e.reason()).isEqualTo("FailedMount");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
