package dev.minipod.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minipod.runtime.spec.ManifestLoader;
import org.junit.jupiter.api.Test;

class PodAdmissionTest {
    static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: busybox\n";

    @Test
    void admitsAndDefaults() {
        var pod = PodAdmission.admit(ManifestLoader.loadPod(POD));
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void validationComesBeforeSupport() {
        assertThatThrownBy(() -> PodAdmission.admit(ManifestLoader.loadPod(POD + "    tty: true\n  restartPolicy: Sometimes\n")))
                .hasMessage("Pod \"p\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
                        + "\"Always\", \"OnFailure\", \"Never\"");
    }

    @Test
    void refusesUnsupportedFields() {
        assertThatThrownBy(() -> PodAdmission.admit(ManifestLoader.loadPod(POD + "    tty: true\n    stdin: true\n")))
                .isInstanceOf(InvalidPodException.class)
                .hasMessage("Pod \"p\" is invalid: [spec.containers[0].stdin: Forbidden: not supported yet by minipod, "
                        + "spec.containers[0].tty: Forbidden: not supported yet by minipod]");
    }
}
