package dev.minipod.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minipod.runtime.MinipodException;

import java.util.ArrayList;
import java.util.List;

/** An image manifest (OCI or Docker v2 schema 2): one config and the layers, base first. */
public record Manifest(Descriptor config, List<Descriptor> layers) {
    public Manifest {
        layers = List.copyOf(layers);
    }

    /** Parses and checks media types; {@code what} names the manifest in messages. */
    static Manifest fromJson(JsonNode doc, String what) {
        if (!doc.isObject()) {
            throw MinipodException.invalid(what + " is not a JSON object");
        }
        String mediaType = doc.path("mediaType").asText("");
        if (!mediaType.isEmpty() && !MediaTypes.isManifest(mediaType)) {
            throw MinipodException.invalid(what + ": media type `" + mediaType + "` is not an image manifest");
        }
        if (doc.path("schemaVersion").asInt(-1) != 2) {
            throw MinipodException.invalid(what + ": `schemaVersion` is not 2");
        }
        Descriptor config = Descriptor.fromJson(doc.path("config"), what + " `config`");
        if (!MediaTypes.isConfig(config.mediaType())) {
            throw MinipodException.invalid(what + ": config media type `" + config.mediaType() + "` is not supported");
        }
        JsonNode layerNodes = doc.path("layers");
        if (!layerNodes.isArray()) {
            throw MinipodException.invalid(what + ": `layers` is not an array");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerNodes.size(); i++) {
            Descriptor layer = Descriptor.fromJson(layerNodes.get(i), what + " `layers[" + i + "]`");
            if (MediaTypes.isZstdLayer(layer.mediaType())) {
                throw MinipodException.invalid(what + ": layer " + layer.digest() + " media type `"
                        + layer.mediaType() + "` is not supported yet (zstd)");
            }
            if (!MediaTypes.isSupportedLayer(layer.mediaType())) {
                throw MinipodException.invalid(what + ": layer " + layer.digest() + " media type `"
                        + layer.mediaType() + "` is not supported");
            }
            layers.add(layer);
        }
        return new Manifest(config, layers);
    }
}
