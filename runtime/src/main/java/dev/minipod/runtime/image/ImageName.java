package dev.minipod.runtime.image;

import dev.minipod.runtime.MinipodException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A normalised image reference. Docker Hub spellings collapse to the short form:
 * {@code busybox}, {@code library/busybox}, {@code docker.io/library/busybox:latest} all become
 * {@code busybox:latest}. Other registries keep their host ({@code localhost:5000/app:1}).
 *
 * @param repository e.g. {@code busybox}, {@code team/app}, {@code quay.io/team/app}
 * @param tag        the tag; {@code latest} when neither tag nor digest was given; null when only
 *                   a digest was given
 * @param digest     the manifest digest after {@code @}, or null
 */
public record ImageName(String repository, String tag, String digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

    /** Parses and normalises a reference; throws {@code Invalid} naming the reference otherwise. */
    public static ImageName parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw MinipodException.invalid("image reference is empty");
        }
        String ref = reference.strip();
        String digest = null;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            if (!Digest.isDigest(digest)) {
                throw MinipodException.invalid("image reference `" + reference + "`: digest `" + digest
                        + "` is not sha256: and 64 lowercase hex digits");
            }
            ref = ref.substring(0, at);
        }
        String tag = null;
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw MinipodException.invalid("image reference `" + reference + "`: tag `" + tag + "` is not valid");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageName(normaliseRepository(reference, ref), tag, digest);
    }

    private static String normaliseRepository(String reference, String repo) {
        String host = null;
        String path = repo;
        int slash = repo.indexOf('/');
        if (slash > 0) {
            String first = repo.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                host = first;
                path = repo.substring(slash + 1);
            }
        }
        if (host != null && !HOST.matcher(host).matches()) {
            throw MinipodException.invalid("image reference `" + reference + "`: registry `" + host + "` is not valid");
        }
        if (host != null && isDockerHub(host)) {
            host = null;
        }
        if (host == null && path.startsWith("library/")) {
            path = path.substring("library/".length());
        }
        if (path.isEmpty()) {
            throw MinipodException.invalid("image reference `" + reference + "` has no repository name");
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                String hint = component.equals(component.toLowerCase(Locale.ROOT)) ? "" : " (repository names are lowercase)";
                throw MinipodException.invalid("image reference `" + reference + "`: `" + component
                        + "` is not a valid repository name component" + hint);
            }
        }
        return host == null ? path : host + "/" + path;
    }

    private static boolean isDockerHub(String host) {
        return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
    }

    /** {@code repository:tag}, the key in refs.json; null for a digest-only reference. */
    public String nameTag() {
        return tag == null ? null : repository + ":" + tag;
    }

    /** The reference as users see it: {@code repo:tag}, {@code repo@sha256:..} or both. */
    @Override
    public String toString() {
        return repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
