package dev.minipod.runtime.validate;

import io.fabric8.kubernetes.api.model.Container;
import java.util.List;

/** One named per-container concern; {@code ctx} says where the container sits in the pod. */
@FunctionalInterface
public interface ContainerCheck {
    void check(Container c, ContainerContext ctx, List<FieldError> out);
}
