package dev.minipod.runtime.objects;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * A test-only {@link ObjectSource}: ConfigMaps, Secrets and claim bindings held in maps, with
 * listeners called on every change, as the real store does. Stands in until the store lands.
 */
public final class MemoryObjects implements ObjectSource {
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, ClaimBinding> claims = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public MemoryObjects configMap(String namespace, String name, Map<String, String> data) {
        configMaps.put(namespace + "/" + name, new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withData(data).build());
        changed();
        return this;
    }

    /** A Secret with these values (stored base64, as in the API). */
    public MemoryObjects secret(String namespace, String name, Map<String, String> values) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withType("Opaque").withData(data).build());
        changed();
        return this;
    }

    public MemoryObjects claim(String namespace, String name, ClaimBinding binding) {
        claims.put(namespace + "/" + name, binding);
        changed();
        return this;
    }

    public MemoryObjects deleteConfigMap(String namespace, String name) {
        configMaps.remove(namespace + "/" + name);
        changed();
        return this;
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }

    @Override public ClaimBinding claim(String namespace, String claimName) {
        return claims.getOrDefault(namespace + "/" + claimName, ClaimBinding.missing(claimName));
    }

    @Override public void addListener(Runnable listener) {
        listeners.add(listener);
    }
}
