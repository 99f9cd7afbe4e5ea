package dev.minipod.runtime.spec;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;

/** One document of a manifest file, decoded strictly, with the kind and apiVersion it declared. */
public record Manifest(String apiVersion, String kind, HasMetadata object) {

    public boolean isPod() { return object instanceof Pod; }

    /** The object as a Pod; fails if the document is another kind. */
    public Pod pod() {
        if (object instanceof Pod p) return p;
        throw new IllegalStateException("manifest is a " + kind + ", not a Pod");
    }
}
