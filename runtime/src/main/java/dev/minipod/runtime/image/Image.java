package dev.minipod.runtime.image;

import java.nio.file.Path;
import java.util.List;

/**
 * An imported image, ready to be layered.
 *
 * @param name              normalised {@code repo:tag} (or {@code repo@sha256:..} when resolved by digest)
 * @param digest            manifest digest {@code sha256:..}
 * @param imageId           config digest {@code sha256:..}
 * @param layersBottomToTop unpacked layer directories, base layer first
 */
public record Image(String name, String digest, String imageId, List<Path> layersBottomToTop, ImageConfig config) {
    public Image {
        layersBottomToTop = List.copyOf(layersBottomToTop);
    }
}
