package dev.minipod.runtime.objects;

import java.util.Optional;

/** The API object kinds the store serves besides pods: REST resource name, kind, group version, scope. */
public enum Kind {
    CONFIG_MAP("configmaps", "ConfigMap", "v1", true),
    SECRET("secrets", "Secret", "v1", true),
    CLAIM("persistentvolumeclaims", "PersistentVolumeClaim", "v1", true),
    VOLUME("persistentvolumes", "PersistentVolume", "v1", false),
    STORAGE_CLASS("storageclasses", "StorageClass", "storage.k8s.io/v1", false),
    POD_PRESET("podpresets", "PodPreset", "settings.k8s.io/v1alpha1", true);

    private final String resource;
    private final String kind;
    private final String apiVersion;
    private final boolean namespaced;

    Kind(String resource, String kind, String apiVersion, boolean namespaced) {
        this.resource = resource;
        this.kind = kind;
        this.apiVersion = apiVersion;
        this.namespaced = namespaced;
    }

    public String resource() { return resource; }

    public String kind() { return kind; }

    public String apiVersion() { return apiVersion; }

    public boolean namespaced() { return namespaced; }

    /** The kind served at {@code apiVersion} under this resource name. */
    public static Optional<Kind> of(String apiVersion, String resource) {
        for (Kind k : values()) {
            if (k.apiVersion.equals(apiVersion) && k.resource.equals(resource)) return Optional.of(k);
        }
        return Optional.empty();
    }
}
