package dev.minipod.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.minipod.runtime.spec.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class PodUpdateTest {
    private static final Pod LIVE = new PodBuilder(PodDefaults.apply(new PodBuilder()
            .withNewMetadata().withName("p").withNamespace("default").withLabels(Map.of("app", "web")).endMetadata()
            .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()))
            .editMetadata().withUid("u-1").withResourceVersion("1").endMetadata()
            .editSpec().withNodeName("node").endSpec()
            .withNewStatus().withPhase("Running").endStatus().build();

    @Test
    void newLabelsAndAnnotationsBumpTheResourceVersionAndKeepSpecAndStatus() {
        Pod submitted = new PodBuilder(LIVE).editMetadata().withLabels(Map.of("app", "api")).withAnnotations(Map.of("a", "b"))
                .endMetadata().withStatus(null).build();
        Pod next = PodUpdate.apply(LIVE, submitted);
        assertThat(next.getMetadata().getLabels()).isEqualTo(Map.of("app", "api"));
        assertThat(next.getMetadata().getAnnotations()).isEqualTo(Map.of("a", "b"));
        assertThat(next.getMetadata().getResourceVersion()).isEqualTo("2");
        assertThat(next.getMetadata().getUid()).isEqualTo("u-1");
        assertThat(next.getSpec()).isEqualTo(LIVE.getSpec());
        assertThat(next.getStatus().getPhase()).isEqualTo("Running");
    }

    @Test
    void theSameMetadataIsNoChange() {
        assertThat(PodUpdate.apply(LIVE, new PodBuilder(LIVE).build())).isSameAs(LIVE);
    }

    @Test
    void anUndefaultedSpecWithoutNodeNameCountsAsTheSame() {
        Pod manifest = new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of("app", "x")).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
        assertThat(PodUpdate.apply(LIVE, manifest).getMetadata().getLabels()).isEqualTo(Map.of("app", "x"));
    }

    @Test
    void aChangedSpecIsForbidden() {
        Pod submitted = new PodBuilder(LIVE).editSpec().editFirstContainer().withImage("nginx").endContainer().endSpec().build();
        assertThatThrownBy(() -> PodUpdate.apply(LIVE, submitted)).isInstanceOf(InvalidPodException.class)
                .hasMessage("Pod \"p\" is invalid: spec: Forbidden: pod updates may not change fields other than "
                        + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                        + "`spec.tolerations` (only additions to existing tolerations),"
                        + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
    }

    @Test
    void invalidLabelsAStaleVersionAndAnotherNameAreRefused() {
        Pod badLabel = new PodBuilder(LIVE).editMetadata().withLabels(Map.of("app", "not ok")).endMetadata().build();
        assertThatThrownBy(() -> PodUpdate.apply(LIVE, badLabel)).hasMessageStartingWith("Pod \"p\" is invalid: metadata.labels: Invalid value: \"not ok\"");
        Pod stale = new PodBuilder(LIVE).editMetadata().withResourceVersion("0").endMetadata().build();
        assertThatThrownBy(() -> PodUpdate.apply(LIVE, stale)).hasMessage("Operation cannot be fulfilled on pods \"p\": "
                + "the object has been modified; please apply your changes to the latest version and try again");
        Pod other = new PodBuilder(LIVE).editMetadata().withName("q").endMetadata().build();
        assertThatThrownBy(() -> PodUpdate.apply(LIVE, other)).hasMessage("the name of the object (q) does not match the name on the URL (p)");
        Pod finalized = new PodBuilder(LIVE).editMetadata().withFinalizers("x/y").addNewOwnerReference().withName("o")
                .endOwnerReference().endMetadata().build();
        assertThatThrownBy(() -> PodUpdate.apply(LIVE, finalized)).hasMessage("Pod \"p\" is invalid: [metadata.ownerReferences: "
                + "Forbidden: not supported yet by minipod, metadata.finalizers: Forbidden: not supported yet by minipod]");
        Pod uid = new PodBuilder(LIVE).editMetadata().withUid("u-2").endMetadata().build();
        assertThatThrownBy(() -> PodUpdate.apply(LIVE, uid)).hasMessage("Pod \"p\" is invalid: metadata.uid: Invalid value: \"u-2\": field is immutable");
    }
}
