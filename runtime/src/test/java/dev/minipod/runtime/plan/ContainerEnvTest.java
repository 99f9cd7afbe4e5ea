package dev.minipod.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.objects.MemoryObjects;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class ContainerEnvTest {
    private final MemoryObjects objects = new MemoryObjects();
    private final NodeAllocatable node = new NodeAllocatable(4000, 8L << 30);

    private ContainerEnv.Result resolve(Container c) {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("u-1")
                .withLabels(Map.of("app", "web")).withAnnotations(Map.of("note", "a\"b")).endMetadata()
                .withNewSpec().withNodeName("node-1").withServiceAccountName("default").withContainers(c).endSpec().build();
        return ContainerEnv.resolve(c, new ContainerEnv.Context(pod, new PodFields(pod, "10.0.0.1", List.of("10.1.0.5")), objects, node));
    }

    private static ContainerBuilder c() {
        return new ContainerBuilder().withName("c").withImage("busybox");
    }

    @Test
    void envFromInOrderThenEnvWhichOverridesAndExpands() {
        objects.configMap("ns", "a", Map.of("X", "from-a", "Y", "y"));
        objects.secret("ns", "s", Map.of("X", "from-secret", "PASS", "hunter2"));
        var r = resolve(c().addNewEnvFrom().withNewConfigMapRef().withName("a").endConfigMapRef().endEnvFrom()
                .addNewEnvFrom().withPrefix("S_").withNewSecretRef().withName("s").endSecretRef().endEnvFrom()
                .addNewEnv().withName("Y").withValue("$(X)-$(S_PASS)-$$(X)-$(NOPE)").endEnv().build());
        assertThat(r.vars()).containsEntry("X", "from-a").containsEntry("S_X", "from-secret").containsEntry("S_PASS", "hunter2")
                .containsEntry("Y", "from-a-hunter2-$(X)-$(NOPE)");
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void keyRefsReadTheObjectsAndAreNotExpanded() {
        objects.configMap("ns", "cm", Map.of("k", "$(A)"));
        objects.secret("ns", "sec", Map.of("pw", "p@ss"));
        var r = resolve(c().addNewEnv().withName("A").withValue("a").endEnv()
                .addNewEnv().withName("CM").withNewValueFrom().withNewConfigMapKeyRef("k", "cm", false).endValueFrom().endEnv()
                .addNewEnv().withName("PW").withNewValueFrom().withNewSecretKeyRef("pw", "sec", false).endValueFrom().endEnv().build());
        assertThat(r.vars()).containsEntry("CM", "$(A)").containsEntry("PW", "p@ss");
    }

    @Test
    void missingNonOptionalObjectsAndKeysAreConfigErrorsWithTheKubeletsMessages() {
        assertConfigError(c().addNewEnv().withName("V").withNewValueFrom().withNewConfigMapKeyRef("k", "x", false).endValueFrom().endEnv().build(),
                "configmap \"x\" not found");
        assertConfigError(c().addNewEnv().withName("V").withNewValueFrom().withNewSecretKeyRef("k", "x", null).endValueFrom().endEnv().build(),
                "secret \"x\" not found");
        assertConfigError(c().addNewEnvFrom().withNewConfigMapRef().withName("x").endConfigMapRef().endEnvFrom().build(),
                "configmap \"x\" not found");
        objects.configMap("ns", "cm", Map.of("other", "1"));
        objects.secret("ns", "sec", Map.of("other", "1"));
        assertConfigError(c().addNewEnv().withName("V").withNewValueFrom().withNewConfigMapKeyRef("k", "cm", false).endValueFrom().endEnv().build(),
                "couldn't find key k in ConfigMap ns/cm");
        assertConfigError(c().addNewEnv().withName("V").withNewValueFrom().withNewSecretKeyRef("k", "sec", false).endValueFrom().endEnv().build(),
                "couldn't find key k in Secret ns/sec");
    }

    @Test
    void optionalMissingObjectsAndKeysLeaveTheVariableOut() {
        objects.configMap("ns", "cm", Map.of("other", "1"));
        var r = resolve(c().addNewEnv().withName("A").withNewValueFrom().withNewConfigMapKeyRef("k", "cm", true).endValueFrom().endEnv()
                .addNewEnv().withName("B").withNewValueFrom().withNewSecretKeyRef("k", "none", true).endValueFrom().endEnv()
                .addNewEnvFrom().withNewSecretRef().withName("none").withOptional(true).endSecretRef().endEnvFrom().build());
        assertThat(r.vars()).isEmpty();
    }

    @Test
    void fieldRefsCoverMetadataSpecAndStatus() {
        var b = c();
        for (String f : List.of("metadata.name", "metadata.namespace", "metadata.uid", "metadata.labels['app']",
                "metadata.annotations['note']", "metadata.labels['none']", "spec.nodeName", "spec.serviceAccountName",
                "status.hostIP", "status.podIP", "status.podIPs")) {
            b.addNewEnv().withName(f).withNewValueFrom().withNewFieldRef("v1", f).endValueFrom().endEnv();
        }
        assertThat(resolve(b.build()).vars().values()).containsExactly("p", "ns", "u-1", "web", "a\"b", "", "node-1", "default",
                "10.0.0.1", "10.1.0.5", "10.1.0.5");
    }

    @Test
    void invalidNamesFromEnvFromAreSkippedWithTheKubeletsEventText() {
        objects.configMap("ns", "cm", Map.of("ok", "1", "b=d", "2", "a=c", "3"));
        var r = resolve(c().addNewEnvFrom().withNewConfigMapRef().withName("cm").endConfigMapRef().endEnvFrom().build());
        assertThat(r.vars()).containsOnlyKeys("ok");
        assertThat(r.warnings()).containsExactly(
                "Keys [a=c, b=d] from the EnvFrom configMap ns/cm were skipped since they are considered invalid environment variable names.");
    }

    @Test
    void resourceFieldRefDefaultsLimitsToTheNode() {
        var r = resolve(c().addNewEnv().withName("CPU").withNewValueFrom().withNewResourceFieldRef().withResource("limits.cpu")
                        .endResourceFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("MEM").withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory")
                        .withNewDivisor("1Mi").endResourceFieldRef().endValueFrom().endEnv()
                .addNewEnv().withName("REQ").withNewValueFrom().withNewResourceFieldRef().withResource("requests.cpu")
                        .endResourceFieldRef().endValueFrom().endEnv().build());
        assertThat(r.vars()).containsEntry("CPU", "4").containsEntry("MEM", "8192").containsEntry("REQ", "0");
    }

    private void assertConfigError(Container c, String message) {
        assertThatThrownBy(() -> resolve(c)).isInstanceOfSatisfying(MinipodException.class, e -> {
            assertThat(e.reason()).isEqualTo("CreateContainerConfigError");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
