package dev.minipod.runtime.validate;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** One named pod-level concern; appends its errors to {@code out}. */
@FunctionalInterface
public interface PodCheck {
    void check(Pod pod, List<FieldError> out);
}
