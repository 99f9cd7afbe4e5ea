package dev.minipod.runtime.image;

import dev.minipod.runtime.MinipodException;

import java.util.Optional;

/**
 * The OCI whiteout naming convention: {@code .wh..wh..opq} makes its directory opaque,
 * {@code .wh.NAME} deletes NAME from the layers below, and any other {@code .wh..wh.*} name is
 * aufs bookkeeping that runtimes ignore.
 */
public record WhiteoutName(Kind kind, String target) {
    public static final String PREFIX = ".wh.";
    public static final String OPAQUE = ".wh..wh..opq";
    private static final String META_PREFIX = ".wh..wh.";

    public enum Kind {
        /** {@code .wh.NAME}: {@link #target} is NAME. */
        WHITEOUT,
        /** {@code .wh..wh..opq}: the containing directory is opaque; no target. */
        OPAQUE,
        /** {@code .wh..wh.*} other than opq (aufs metadata): ignored. */
        META
    }

    /** Classifies a base name; empty when it is an ordinary name. */
    public static Optional<WhiteoutName> classify(String layer, String entryName, String baseName) {
        if (!baseName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        if (baseName.equals(OPAQUE)) {
            return Optional.of(new WhiteoutName(Kind.OPAQUE, ""));
        }
        if (baseName.startsWith(META_PREFIX)) {
            return Optional.of(new WhiteoutName(Kind.META, ""));
        }
        String target = baseName.substring(PREFIX.length());
        if (target.isEmpty() || target.equals(".") || target.equals("..")) {
            throw MinipodException.invalid("layer " + layer + ": whiteout entry `" + entryName + "` names no file");
        }
        return Optional.of(new WhiteoutName(Kind.WHITEOUT, target));
    }
}
