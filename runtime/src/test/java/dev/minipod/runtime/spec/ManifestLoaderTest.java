package dev.minipod.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.MinipodException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestLoaderTest {
    static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: %s\nspec:\n  containers:\n  - name: app\n    image: busybox\n";

    @Test
    void loadsMultipleYamlDocumentsSkippingEmptyOnes() {
        List<Manifest> all = ManifestLoader.load("---\n" + POD.formatted("a") + "---\n---\n" + POD.formatted("b"));
        assertThat(all).extracting(m -> m.pod().getMetadata().getName()).containsExactly("a", "b");
        assertThat(all.get(0).kind()).isEqualTo("Pod");
        assertThat(all.get(0).apiVersion()).isEqualTo("v1");
        assertThat(all.get(0).isPod()).isTrue();
    }

    @Test
    void loadsJson() {
        var pod = ManifestLoader.loadPod("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"j\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"busybox\",\"ports\":[{\"containerPort\":80}]}]}}");
        assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort()).isEqualTo(80);
    }

    @Test
    void unknownFieldIsStrictDecodingError() {
        assertThatThrownBy(() -> ManifestLoader.load(POD.formatted("a") + "    imagePullPolize: Always\n"))
                .isInstanceOfSatisfying(MinipodException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                            + "unknown field \"spec.containers[0].imagePullPolize\"");
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.exitCode()).isEqualTo(2);
                });
    }

    @Test
    void severalUnknownFieldsInSortedDepthFirstOrder() {
        assertThatThrownBy(() -> ManifestLoader.load(POD.formatted("a") + "    zeta: 1\n    alpha:\n      nested: 1\n  extra: {}\ntop: 1\n"))
                .hasMessage("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                        + "unknown field \"spec.containers[0].alpha\", unknown field \"spec.containers[0].zeta\", "
                        + "unknown field \"spec.extra\", unknown field \"top\"");
    }

    @Test
    void wrongKindOrVersion() {
        assertThatThrownBy(() -> ManifestLoader.load("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n"))
                .hasMessage("no matches for kind \"Deployment\" in version \"apps/v1\"");
        assertThatThrownBy(() -> ManifestLoader.load("apiVersion: v2\nkind: Pod\nmetadata:\n  name: x\n"))
                .hasMessage("no matches for kind \"Pod\" in version \"v2\"");
        assertThatThrownBy(() -> ManifestLoader.load("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"))
                .isInstanceOf(MinipodException.class)
                .hasMessage("kind \"ConfigMap\" in version \"v1\" is not supported yet by minipod");
    }

    @Test
    void missingKindAndVersion() {
        assertThatThrownBy(() -> ManifestLoader.load("metadata:\n  name: x\n"))
                .hasMessage("error validating data: [apiVersion not set, kind not set]");
        assertThatThrownBy(() -> ManifestLoader.load("apiVersion: v1\nmetadata:\n  name: x\n"))
                .hasMessage("error validating data: kind not set");
    }

    @Test
    void syntaxAndTypeErrors() {
        assertThatThrownBy(() -> ManifestLoader.load("a: [\n")).isInstanceOf(MinipodException.class)
                .hasMessageStartingWith("error converting YAML to JSON: ");
        assertThatThrownBy(() -> ManifestLoader.load(POD.formatted("a") + "    ports:\n    - containerPort: abc\n"))
                .isInstanceOf(MinipodException.class)
                .hasMessageStartingWith("Pod in version \"v1\" cannot be handled as a Pod: invalid value for field "
                        + "\"spec.containers[0].ports[0].containerPort\"");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertThatThrownBy(() -> ManifestLoader.load(POD.formatted("a") + "    image: other\n"))
                .isInstanceOf(MinipodException.class)
                .hasMessageStartingWith("error converting YAML to JSON: ")
                .hasMessageContaining("image");
    }

    @Test
    void badQuantityFailsDecoding() {
        assertThatThrownBy(() -> ManifestLoader.load(POD.formatted("a") + "    resources:\n      limits:\n        cpu: lots\n"))
                .hasMessage("Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    @Test
    void loadPodWantsExactlyOne() {
        assertThatThrownBy(() -> ManifestLoader.loadPod(POD.formatted("a") + "---\n" + POD.formatted("b")))
                .hasMessage("expected exactly one Pod, found 2 objects");
    }
}
