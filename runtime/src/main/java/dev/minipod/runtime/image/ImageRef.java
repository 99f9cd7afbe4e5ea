package dev.minipod.runtime.image;

/**
 * What an import recorded: the normalised name and the manifest digest it now points to.
 *
 * @param name   normalised {@code repo:tag}, e.g. {@code busybox:latest}
 * @param digest manifest digest {@code sha256:..}
 */
public record ImageRef(String name, String digest) {
}
