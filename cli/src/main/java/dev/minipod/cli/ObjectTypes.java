package dev.minipod.cli;

import java.util.List;

/**
 * The resource types the CLI knows besides pods' own verbs: REST names, aliases, kind, group version and
 * scope, and the paths the daemon serves them at.
 */
final class ObjectTypes {
    private ObjectTypes() {}

    static final class Type {
        final String plural;
        final String singular;
        final String kind;
        final String apiVersion;
        final boolean namespaced;
        final List<String> aliases;

        Type(String plural, String singular, String kind, String apiVersion, boolean namespaced, String... aliases) {
            this.plural = plural;
            this.singular = singular;
            this.kind = kind;
            this.apiVersion = apiVersion;
            this.namespaced = namespaced;
            this.aliases = List.of(aliases);
        }

        boolean isPods() { return this == PODS; }

        /** {@code configmaps} / {@code storageclasses.storage.k8s.io}-style qualified singular for {@code TYPE/NAME} output. */
        String qualified() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? singular : singular + "." + apiVersion.substring(0, slash);
        }

        String collection(String ns) {
            String base = apiVersion.equals("v1") ? "/api/v1" : "/apis/" + apiVersion;
            return base + (namespaced ? "/namespaces/" + ApiClient.enc(ns) : "") + "/" + plural;
        }

        String path(String ns, String name) { return collection(ns) + "/" + ApiClient.enc(name); }
    }

    static final Type PODS = new Type("pods", "pod", "Pod", "v1", true, "po");
    static final Type CONFIG_MAPS = new Type("configmaps", "configmap", "ConfigMap", "v1", true, "cm");
    static final Type SECRETS = new Type("secrets", "secret", "Secret", "v1", true);
    static final Type CLAIMS = new Type("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", "v1", true, "pvc");
    static final Type VOLUMES = new Type("persistentvolumes", "persistentvolume", "PersistentVolume", "v1", false, "pv");
    static final Type CLASSES = new Type("storageclasses", "storageclass", "StorageClass", "storage.k8s.io/v1", false, "sc");
    static final Type PRESETS = new Type("podpresets", "podpreset", "PodPreset", "settings.k8s.io/v1alpha1", true);
    static final List<Type> ALL = List.of(PODS, CONFIG_MAPS, SECRETS, CLAIMS, VOLUMES, CLASSES, PRESETS);

    /** The type a command-line word names (plural, singular, alias or plural.group); null when none. */
    static Type byName(String word) {
        for (Type t : ALL) {
            if (t.plural.equals(word) || t.singular.equals(word) || t.aliases.contains(word)) return t;
            int slash = t.apiVersion.indexOf('/');
            if (slash > 0 && (t.plural + "." + t.apiVersion.substring(0, slash)).equals(word)) return t;
        }
        return null;
    }

    /** The type of a manifest's kind and apiVersion; null when unknown. */
    static Type byKind(String kind, String apiVersion) {
        for (Type t : ALL) {
            if (t.kind.equals(kind) && t.apiVersion.equals(apiVersion)) return t;
        }
        return null;
    }
}
