package dev.minipod.runtime.objects;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;

/**
 * What pod workers may read of the node's API objects: ConfigMaps, Secrets and claim bindings.
 * The seam between the object store (API side) and volumes/env (pod side); {@link #NONE} until
 * the store is wired.
 */
public interface ObjectSource {
    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);

    /** Where a PersistentVolumeClaim stands for a pod that mounts it. */
    ClaimBinding claim(String namespace, String claimName);

    /**
     * Calls listener after any ConfigMap, Secret or claim changes (create, update, delete), on the
     * store's thread; the listener must not block.
     */
    void addListener(Runnable listener);

    ObjectSource NONE = new ObjectSource() {
        @Override public Optional<ConfigMap> configMap(String namespace, String name) { return Optional.empty(); }

        @Override public Optional<Secret> secret(String namespace, String name) { return Optional.empty(); }

        @Override public ClaimBinding claim(String namespace, String claimName) {
            return ClaimBinding.missing(claimName);
        }

        @Override public void addListener(Runnable listener) {}
    };
}
