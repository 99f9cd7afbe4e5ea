package dev.minipod.runtime.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minipod.runtime.MinipodException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Read access to an OCI image layout directory; every blob read is checked against its digest. */
final class OciLayout {
    /** Manifests, configs and indexes are small; refuse absurd ones instead of buffering them. */
    static final int MAX_JSON_BLOB = 4 << 20;
    private static final int MAX_INDEX_DEPTH = 3;

    private final Path dir;
    private final ObjectMapper mapper;

    private OciLayout(Path dir, ObjectMapper mapper) {
        this.dir = dir;
        this.mapper = mapper;
    }

    static OciLayout open(Path dir, ObjectMapper mapper) {
        if (!Files.isDirectory(dir)) {
            throw MinipodException.notFound("oci layout `" + dir + "` not found");
        }
        if (!Files.isRegularFile(dir.resolve("index.json"))) {
            throw MinipodException.notFound("oci layout `" + dir + "`: `index.json` not found");
        }
        return new OciLayout(dir, mapper);
    }

    Path dir() {
        return dir;
    }

    /**
     * Finds the image manifest to import: the index.json entry whose ref.name annotation is
     * {@code tag} or {@code nameTag} (or the only entry), then, through nested indexes, the
     * linux/amd64 manifest.
     */
    Descriptor selectManifest(String tag, String nameTag) throws IOException {
        Path indexFile = dir.resolve("index.json");
        byte[] bytes = Files.readAllBytes(indexFile);
        List<Descriptor> entries = indexEntries(parse(bytes, "`" + indexFile + "`"), "`" + indexFile + "`");
        Descriptor chosen = pickByRefName(entries, tag, nameTag, "`" + indexFile + "`");
        for (int depth = 0; MediaTypes.isIndex(chosen.mediaType()); depth++) {
            if (depth >= MAX_INDEX_DEPTH) {
                throw MinipodException.invalid("oci layout `" + dir + "`: image indexes nest deeper than " + MAX_INDEX_DEPTH);
            }
            String what = "index " + chosen.digest();
            chosen = pickPlatform(indexEntries(readJson(chosen, what), what), what);
        }
        if (!MediaTypes.isManifest(chosen.mediaType())) {
            throw MinipodException.invalid("oci layout `" + dir + "`: " + chosen.digest() + " has media type `"
                    + chosen.mediaType() + "`, not an image manifest or index");
        }
        return chosen;
    }

    static Descriptor pickByRefName(List<Descriptor> entries, String tag, String nameTag, String what) {
        if (entries.isEmpty()) {
            throw MinipodException.notFound(what + " lists no manifests");
        }
        if (entries.size() == 1) {
            return entries.get(0);
        }
        List<Descriptor> named = entries.stream()
                .filter(d -> d.refName().equals(tag) || d.refName().equals(nameTag)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw MinipodException.invalid(what + " has " + named.size() + " manifests named `" + tag + "`");
        }
        if (entries.stream().noneMatch(d -> d.refName().isEmpty()) || entries.stream().anyMatch(d -> d.os().isEmpty())) {
            throw MinipodException.notFound(what + " has no manifest with ref.name `" + tag + "`");
        }
        return pickPlatform(entries, what);
    }

    static Descriptor pickPlatform(List<Descriptor> entries, String what) {
        return entries.stream()
                .filter(d -> d.os().equals("linux") && d.architecture().equals("amd64"))
                .findFirst()
                .orElseThrow(() -> MinipodException.notFound(what + " has no linux/amd64 manifest"));
    }

    private List<Descriptor> indexEntries(JsonNode index, String what) {
        JsonNode manifests = index.path("manifests");
        if (!manifests.isArray()) {
            throw MinipodException.invalid(what + ": `manifests` is not an array");
        }
        String mediaType = index.path("mediaType").asText("");
        if (!mediaType.isEmpty() && !MediaTypes.isIndex(mediaType)) {
            throw MinipodException.invalid(what + ": media type `" + mediaType + "` is not an image index");
        }
        List<Descriptor> out = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            out.add(Descriptor.fromJson(manifests.get(i), what + " `manifests[" + i + "]`"));
        }
        return out;
    }

    /** Reads a small blob fully, checking size and digest. */
    byte[] readBlob(Descriptor d, String what) throws IOException {
        Path p = blobPath(d.digest(), what);
        long actualSize = Files.size(p);
        if (actualSize > MAX_JSON_BLOB) {
            throw MinipodException.invalid(what + " " + d.digest() + " is " + actualSize + " bytes, more than " + MAX_JSON_BLOB);
        }
        byte[] bytes = Files.readAllBytes(p);
        checkSize(d, bytes.length, what);
        Digest actual = Digest.of(bytes);
        if (!actual.equals(d.digest())) {
            throw digestMismatch(what, d.digest(), actual);
        }
        return bytes;
    }

    JsonNode readJson(Descriptor d, String what) throws IOException {
        return parse(readBlob(d, what), what + " " + d.digest());
    }

    /** Opens a (layer) blob for streaming; the caller hashes and calls {@link #checkBlob}. */
    InputStream openBlob(Descriptor d, String what) throws IOException {
        return Files.newInputStream(blobPath(d.digest(), what));
    }

    static void checkBlob(Descriptor d, DigestingInputStream read, String what) {
        checkSize(d, read.count(), what);
        Digest actual = read.digest();
        if (!actual.equals(d.digest())) {
            throw digestMismatch(what, d.digest(), actual);
        }
    }

    private static void checkSize(Descriptor d, long actual, String what) {
        if (d.size() >= 0 && d.size() != actual) {
            throw MinipodException.invalid(what + " " + d.digest() + ": size is " + actual + " bytes, the descriptor says " + d.size());
        }
    }

    private static MinipodException digestMismatch(String what, Digest expected, Digest actual) {
        return MinipodException.invalid(what + " " + expected + ": digest mismatch, content hashes to " + actual);
    }

    private Path blobPath(Digest digest, String what) {
        Path p = dir.resolve("blobs").resolve("sha256").resolve(digest.hex());
        if (!Files.isRegularFile(p)) {
            throw MinipodException.notFound("oci layout `" + dir + "`: " + what + " blob `" + p + "` not found");
        }
        return p;
    }

    private JsonNode parse(byte[] bytes, String what) {
        return JsonDocs.parseObject(mapper, bytes, what);
    }
}
