package dev.minipod.runtime.image;

import dev.minipod.runtime.state.AtomicFiles;

import dev.minipod.runtime.state.Dirs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minipod.runtime.MinipodException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local image store:
 * <pre>
 * ROOT/refs.json                  name (repo:tag) -> manifest digest, written atomically
 * ROOT/blobs/sha256/HEX           manifests and configs, as imported
 * ROOT/layers/sha256/HEX/         one unpacked layer per layer-blob digest, shared by all images
 * </pre>
 * Layers are content-addressed: a layer directory that exists is complete (it is unpacked into a
 * {@code .partial-*} sibling and renamed into place) and is never unpacked again.
 */
public final class ImageStore {
    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    private static final String OS = "linux";
    private static final String ARCH = "amd64";

    private final Path root;
    private final LayerUnpacker unpacker;
    private final ObjectMapper mapper = new ObjectMapper();
    private final RefsFile refs;

    /**
     * A store that can resolve images and import layers without whiteouts; a layer with a
     * whiteout fails to import with a message saying a kernel-bound {@link LayerFs} is needed.
     */
    public ImageStore(Path root) {
        this(root, new LayerUnpacker(new NoKernelLayerFs(), LayerUnpacker.runningAsRoot()));
    }

    public ImageStore(Path root, LayerFs layerFs) {
        this(root, new LayerUnpacker(layerFs, LayerUnpacker.runningAsRoot()));
    }

    public ImageStore(Path root, LayerUnpacker unpacker) {
        this.root = root;
        this.unpacker = unpacker;
        this.refs = new RefsFile(root.resolve("refs.json"), mapper);
    }

    public Path root() {
        return root;
    }

    /**
     * Imports the image of an OCI layout directory under {@code nameTag} (normalised, e.g.
     * {@code busybox} -> {@code busybox:latest}; null: the directory's name, tag {@code latest}).
     * Every blob is checked against its digest; layers already in the store are not unpacked
     * again. The name is recorded last, so a failed import leaves the old mapping in place.
     */
    public ImageRef importLayout(Path ociLayoutDir, String nameTag) throws IOException {
        OciLayout layout = OciLayout.open(ociLayoutDir, mapper);
        ImageName name = ImageName.parse(nameTag != null ? nameTag : defaultName(ociLayoutDir));
        if (name.tag() == null || name.digest() != null) {
            throw MinipodException.invalid("image name `" + nameTag + "`: import under repo:tag, not a digest");
        }
        Descriptor manifestDesc = layout.selectManifest(name.tag(), name.nameTag());
        Files.createDirectories(root);
        String manifestWhat = "manifest " + manifestDesc.digest();
        byte[] manifestBytes = layout.readBlob(manifestDesc, "manifest");
        Manifest manifest = Manifest.fromJson(parse(manifestBytes, manifestWhat), manifestWhat);
        byte[] configBytes = layout.readBlob(manifest.config(), "config");
        String configWhat = "config " + manifest.config().digest();
        JsonNode configDoc = parse(configBytes, configWhat);
        ImageConfig.fromJson(mapper, configDoc, configWhat);
        checkPlatform(configDoc, configWhat);
        List<Digest> diffIds = diffIds(configDoc, manifest.layers().size(), configWhat);

        for (int i = 0; i < manifest.layers().size(); i++) {
            ensureLayer(layout, manifest.layers().get(i), diffIds.get(i));
        }
        storeBlob(manifest.config().digest(), configBytes);
        storeBlob(manifestDesc.digest(), manifestBytes);
        refs.put(name.nameTag(), manifestDesc.digest().toString());
        return new ImageRef(name.nameTag(), manifestDesc.digest().toString());
    }

    /**
     * Looks an image up by {@code repo[:tag]}, the Docker Hub long forms
     * ({@code docker.io/library/busybox:latest}, {@code library/busybox}) or
     * {@code repo@sha256:..} (a digest that some tag of that repository points to). Reads
     * refs.json afresh, so imports by other processes are seen at once.
     */
    public Optional<Image> resolve(String ref) throws IOException {
        ImageName n = ImageName.parse(ref);
        Map<String, String> current = refs.read();
        String digest;
        if (n.tag() != null) {
            digest = current.get(n.nameTag());
            if (digest == null || (n.digest() != null && !n.digest().equals(digest))) {
                return Optional.empty();
            }
        } else {
            boolean known = current.entrySet().stream()
                    .anyMatch(e -> e.getValue().equals(n.digest()) && repositoryOf(e.getKey()).equals(n.repository()));
            if (!known) {
                return Optional.empty();
            }
            digest = n.digest();
        }
        return Optional.of(load(n.tag() != null ? n.nameTag() : n.toString(), Digest.parse(digest)));
    }

    /** Every recorded name ({@code repo:tag}), sorted. */
    public List<String> listRefs() throws IOException {
        return new ArrayList<>(refs.read().keySet());
    }

    /** Where the unpacked layer with this blob digest lives (or would live). */
    public Path layerDir(Digest layerDigest) {
        return root.resolve("layers").resolve("sha256").resolve(layerDigest.hex());
    }

    private Image load(String name, Digest manifestDigest) throws IOException {
        String manifestWhat = "image `" + name + "`: manifest " + manifestDigest;
        Manifest manifest = Manifest.fromJson(parse(readStoredBlob(manifestDigest, manifestWhat), manifestWhat), manifestWhat);
        Digest configDigest = manifest.config().digest();
        String configWhat = "image `" + name + "`: config " + configDigest;
        ImageConfig config = ImageConfig.fromJson(mapper, parse(readStoredBlob(configDigest, configWhat), configWhat), configWhat);
        List<Path> layers = new ArrayList<>();
        for (Descriptor layer : manifest.layers()) {
            Path dir = layerDir(layer.digest());
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw MinipodException.failure("ImageCorrupt", "image `" + name + "`: layer directory `" + dir
                        + "` is missing; import the image again");
            }
            layers.add(dir);
        }
        return new Image(name, manifestDigest.toString(), configDigest.toString(), layers, config);
    }

    private void ensureLayer(OciLayout layout, Descriptor layer, Digest diffId) throws IOException {
        Path dir = layerDir(layer.digest());
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        Path partial = dir.resolveSibling(".partial-" + layer.digest().hex().substring(0, 12) + "-" + UUID.randomUUID());
        try (InputStream raw = layout.openBlob(layer, "layer");
             DigestingInputStream in = new DigestingInputStream(raw)) {
            LayerUnpacker.Result result = unpack(layer, in, partial);
            if (!result.diffId().equals(diffId)) {
                throw MinipodException.invalid("layer " + layer.digest() + ": uncompressed content hashes to "
                        + result.diffId() + ", the config's diff_id is " + diffId);
            }
            if (!result.skipped().isEmpty()) {
                LOG.warn("layer={} skipped={} first={}", layer.digest(), result.skipped().size(), result.skipped().get(0));
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // another import unpacked the same layer first: content-addressed, so theirs is ours
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw raced;
            }
        } finally {
            Dirs.deleteTree(partial);
        }
    }

    /** Unpacks and checks the blob digest; a corrupt blob is reported as such, not as a tar error. */
    private LayerUnpacker.Result unpack(Descriptor layer, DigestingInputStream in, Path partial) throws IOException {
        LayerUnpacker.Result result;
        try {
            result = unpacker.unpack(in, layer.digest().toString(), layer.mediaType(), partial);
        } catch (IOException | RuntimeException e) {
            MinipodException mismatch = mismatchAfterFailure(layer, in);
            if (mismatch != null) {
                mismatch.addSuppressed(e);
                throw mismatch;
            }
            throw e;
        }
        OciLayout.checkBlob(layer, in, "layer");
        return result;
    }

    private static MinipodException mismatchAfterFailure(Descriptor layer, DigestingInputStream in) {
        try {
            in.drain();
            OciLayout.checkBlob(layer, in, "layer");
            return null;
        } catch (MinipodException mismatch) {
            return mismatch;
        } catch (IOException unreadable) {
            return null;
        }
    }

    private void checkPlatform(JsonNode config, String what) {
        String os = config.path("os").asText(OS);
        String arch = config.path("architecture").asText(ARCH);
        if (!os.equals(OS) || !arch.equals(ARCH)) {
            throw MinipodException.invalid(what + ": image is for " + os + "/" + arch + ", this node runs " + OS + "/" + ARCH);
        }
    }

    private static List<Digest> diffIds(JsonNode config, int layerCount, String what) {
        JsonNode ids = config.path("rootfs").path("diff_ids");
        if (!ids.isArray() || ids.size() != layerCount) {
            throw MinipodException.invalid(what + ": `rootfs.diff_ids` does not list one digest per layer (" + layerCount + ")");
        }
        List<Digest> out = new ArrayList<>();
        for (JsonNode id : ids) {
            try {
                out.add(Digest.parse(id.asText()));
            } catch (MinipodException e) {
                throw MinipodException.invalid(what + ": `rootfs.diff_ids`: " + e.getMessage());
            }
        }
        return out;
    }

    private void storeBlob(Digest digest, byte[] bytes) throws IOException {
        Path p = blobPath(digest);
        if (!Files.isRegularFile(p)) {
            Files.createDirectories(p.getParent());
            AtomicFiles.write(p, bytes);
        }
    }

    private byte[] readStoredBlob(Digest digest, String what) throws IOException {
        Path p = blobPath(digest);
        if (!Files.isRegularFile(p)) {
            throw MinipodException.failure("ImageCorrupt", what + ": blob `" + p + "` is missing; import the image again");
        }
        return Files.readAllBytes(p);
    }

    private Path blobPath(Digest digest) {
        return root.resolve("blobs").resolve("sha256").resolve(digest.hex());
    }

    private JsonNode parse(byte[] bytes, String what) {
        return JsonDocs.parseObject(mapper, bytes, what);
    }

    private static String defaultName(Path layoutDir) {
        Path fileName = layoutDir.toAbsolutePath().normalize().getFileName();
        return (fileName == null ? "" : fileName.toString()) + ":latest";
    }

    private static String repositoryOf(String nameTag) {
        int colon = nameTag.lastIndexOf(':');
        return colon > nameTag.lastIndexOf('/') ? nameTag.substring(0, colon) : nameTag;
    }

    /** Stands in when no kernel-bound LayerFs was given; says so when a layer needs one. */
    private static final class NoKernelLayerFs implements LayerFs {
        @Override
        public void whiteout(Path path) {
            throw MinipodException.failure("Unsupported", "whiteout `" + path + "`: this image store has no kernel-bound LayerFs");
        }

        @Override
        public void opaque(Path dir) {
            throw MinipodException.failure("Unsupported", "opaque dir `" + dir + "`: this image store has no kernel-bound LayerFs");
        }
    }
}
