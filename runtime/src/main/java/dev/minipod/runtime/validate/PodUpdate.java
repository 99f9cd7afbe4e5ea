package dev.minipod.runtime.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.spec.PodDefaults;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * A pod replaced through the API (PUT), as the API server's pod update strategy decides it (pure):
 * of the metadata only labels and annotations change, and the spec may not change at all (the
 * fields Kubernetes lets change, images and the like, would need a container restart minipod does
 * not do on update yet). The status stays the node's.
 */
public final class PodUpdate {
    private PodUpdate() {}

    /** ValidatePodUpdate's refusal, without the spec diff it appends. */
    public static final String SPEC_FORBIDDEN = "pod updates may not change fields other than "
            + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
            + "`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    /**
     * The live pod with the submitted labels and annotations and the next resourceVersion; the
     * live pod itself when nothing changes. Refuses a changed spec, name, namespace or uid and a
     * stale resourceVersion.
     */
    public static Pod apply(Pod live, Pod submitted) {
        String name = live.getMetadata().getName();
        var meta = submitted.getMetadata();
        if (meta == null || !name.equals(meta.getName())) {
            throw new MinipodException("BadRequest", 2, "the name of the object (" + (meta == null ? "" : meta.getName())
                    + ") does not match the name on the URL (" + name + ")");
        }
        if (meta.getNamespace() != null && !meta.getNamespace().equals(live.getMetadata().getNamespace())) {
            throw new MinipodException("BadRequest", 2, "the namespace of the provided object does not match the namespace sent on the request");
        }
        String version = meta.getResourceVersion();
        if (version != null && !version.isEmpty() && !version.equals(live.getMetadata().getResourceVersion())) {
            throw new MinipodException("Conflict", 3, "Operation cannot be fulfilled on pods " + GoQuote.quote(name)
                    + ": the object has been modified; please apply your changes to the latest version and try again");
        }
        Pod candidate = new PodBuilder(live).editMetadata().withLabels(meta.getLabels()).withAnnotations(meta.getAnnotations())
                .endMetadata().build();
        List<FieldError> errors = new ArrayList<>();
        if (meta.getUid() != null && !meta.getUid().isEmpty() && !meta.getUid().equals(live.getMetadata().getUid())) {
            errors.add(FieldError.invalid("metadata.uid", meta.getUid(), "field is immutable"));
        }
        // never dropped silently: metadata minipod does not keep is refused by name, as on create
        if (meta.getOwnerReferences() != null && !meta.getOwnerReferences().isEmpty()) {
            errors.add(FieldError.forbidden("metadata.ownerReferences", SupportCheck.NOT_SUPPORTED));
        }
        if (meta.getFinalizers() != null && !meta.getFinalizers().isEmpty()) {
            errors.add(FieldError.forbidden("metadata.finalizers", SupportCheck.NOT_SUPPORTED));
        }
        MetadataChecks.labels(candidate, errors);
        MetadataChecks.annotations(candidate, errors);
        if (!sameSpec(live, submitted)) {
            errors.add(FieldError.forbidden("spec", SPEC_FORBIDDEN));
        }
        if (!errors.isEmpty()) {
            throw new InvalidPodException(name, errors);
        }
        if (Objects.equals(nonEmpty(live.getMetadata().getLabels()), nonEmpty(meta.getLabels()))
                && Objects.equals(nonEmpty(live.getMetadata().getAnnotations()), nonEmpty(meta.getAnnotations()))) {
            return live;
        }
        long next = Long.parseLong(live.getMetadata().getResourceVersion()) + 1;
        return new PodBuilder(candidate).editMetadata().withResourceVersion(Long.toString(next)).endMetadata().build();
    }

    /** The submitted spec after defaulting equals the live one (a missing nodeName is the live one's). */
    private static boolean sameSpec(Pod live, Pod submitted) {
        Pod defaulted = PodDefaults.apply(new PodBuilder(submitted).withStatus(null).build());
        if (defaulted.getSpec().getNodeName() == null || defaulted.getSpec().getNodeName().isEmpty()) {
            defaulted.getSpec().setNodeName(live.getSpec().getNodeName());
        }
        return defaulted.getSpec().equals(live.getSpec());
    }

    private static <K, V> java.util.Map<K, V> nonEmpty(java.util.Map<K, V> m) {
        return m == null || m.isEmpty() ? null : m;
    }
}
