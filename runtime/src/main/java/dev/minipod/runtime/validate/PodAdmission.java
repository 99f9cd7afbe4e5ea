package dev.minipod.runtime.validate;

import dev.minipod.runtime.spec.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * What the API does with a submitted pod before storing it: apply the v1 defaults, validate
 * ({@link PodValidator}), then refuse what minipod does not implement yet ({@link SupportCheck}).
 * Both refusals are {@link InvalidPodException}s ({@code Pod "NAME" is invalid: ...}, 422).
 */
public final class PodAdmission {
    private PodAdmission() {}

    /** The defaulted pod, or an {@link InvalidPodException} naming every problem. */
    public static Pod admit(Pod submitted) {
        Pod pod = PodDefaults.apply(submitted);
        PodValidator.requireValid(pod);
        List<FieldError> unsupported = SupportCheck.check(pod);
        if (!unsupported.isEmpty()) throw new InvalidPodException(PodValidator.podName(pod), unsupported);
        return pod;
    }
}
