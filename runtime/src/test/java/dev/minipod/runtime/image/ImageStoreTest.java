package dev.minipod.runtime.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minipod.runtime.MinipodException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageStoreTest {
    @TempDir
    Path tmp;

    private final RecordingLayerFs fs = new RecordingLayerFs();

    private Path storeRoot() {
        return tmp.resolve("store");
    }

    private ImageStore store() {
        return new ImageStore(storeRoot(), new LayerUnpacker(fs, false));
    }

    private static TarBuilder base() {
        return new TarBuilder().dir("bin", 0755).file("bin/sh", "shell", 0755).file("etc/motd", "base\n");
    }

    private static TarBuilder top() {
        return new TarBuilder().dir("etc", 0755).file("etc/.wh.motd", "").file("app/run", "run", 0755);
    }

    private Path twoLayerLayout(String name) throws IOException {
        Path dir = tmp.resolve(name);
        new OciLayoutBuilder(dir).layer(base()).layer(top()).cmd("/app/run").write();
        return dir;
    }

    @Test
    void importsAndResolvesByShortAndLongNames() throws IOException {
        ImageStore store = store();
        ImageRef ref = store.importLayout(twoLayerLayout("app"), "docker.io/library/app:latest");

        assertThat(ref.name()).isEqualTo("app:latest");
        assertThat(ref.digest()).startsWith("sha256:");
        for (String name : List.of("app", "app:latest", "library/app", "docker.io/library/app:latest", "app@" + ref.digest())) {
            assertThat(store.resolve(name)).as(name).isPresent();
        }
        Image image = store.resolve("app").orElseThrow();
        assertThat(image.name()).isEqualTo("app:latest");
        assertThat(image.digest()).isEqualTo(ref.digest());
        assertThat(image.imageId()).startsWith("sha256:").isNotEqualTo(ref.digest());
        assertThat(image.layersBottomToTop()).hasSize(2);
        assertThat(image.layersBottomToTop().get(0).resolve("etc/motd")).hasContent("base");
        assertThat(image.layersBottomToTop().get(1).resolve("app/run")).hasContent("run");
        assertThat(image.layersBottomToTop()).allSatisfy(p -> assertThat(p.getParent()).isEqualTo(storeRoot().resolve("layers/sha256")));
        assertThat(image.config().cmd()).containsExactly("/app/run");
        assertThat(image.config().entrypoint()).isEmpty();
        assertThat(image.config().env()).containsExactly("PATH=/usr/bin:/bin");
        assertThat(image.config().workingDir()).isEqualTo("/");
        assertThat(image.config().user()).isEmpty();
        assertThat(image.config().exposedPorts()).containsOnlyKeys("8080/tcp");
        assertThat(fs.describe(null)).containsExactly("whiteout etc/motd");
        assertThat(store.resolve("other")).isEmpty();
        assertThat(store.resolve("app:2")).isEmpty();
        assertThat(store.resolve("other@" + ref.digest())).isEmpty();
        assertThat(storeRoot().resolve("blobs/sha256").resolve(ref.digest().substring(7))).exists();
    }

    @Test
    void reusesLayerDirsOnASecondImport() throws IOException {
        ImageStore store = store();
        Image first = resolveAfterImport(store, twoLayerLayout("a"), "a:1");
        Object inode = Files.getAttribute(first.layersBottomToTop().get(0), "unix:ino");
        Files.writeString(first.layersBottomToTop().get(0).resolve("marker"), "still here");

        Image second = resolveAfterImport(store, twoLayerLayout("b"), "b:1");

        assertThat(second.layersBottomToTop()).isEqualTo(first.layersBottomToTop());
        assertThat(Files.getAttribute(second.layersBottomToTop().get(0), "unix:ino")).isEqualTo(inode);
        assertThat(second.layersBottomToTop().get(0).resolve("marker")).exists();
        assertThat(fs.calls()).hasSize(1); // the top layer's whiteout was unpacked once
        assertThat(leftovers()).isEmpty();
    }

    private static Image resolveAfterImport(ImageStore store, Path layout, String name) throws IOException {
        store.importLayout(layout, name);
        return store.resolve(name).orElseThrow();
    }

    @Test
    void refsSurviveReopeningAndOtherWritersAreSeen() throws IOException {
        ImageStore daemon = store();
        daemon.importLayout(twoLayerLayout("x"), "x");
        ImageStore cli = new ImageStore(storeRoot(), new LayerUnpacker(fs, false));
        cli.importLayout(twoLayerLayout("y"), "y:2");

        assertThat(daemon.listRefs()).containsExactly("x:latest", "y:2");
        assertThat(new ImageStore(storeRoot()).resolve("y:2")).isPresent();
        assertThat(Files.readString(storeRoot().resolve("refs.json"))).contains("\"x:latest\"", "\"y:2\"");
        try (Stream<Path> list = Files.list(storeRoot())) {
            assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }

    @Test
    void reimportMovesTheNameToTheNewManifest() throws IOException {
        ImageStore store = store();
        ImageRef old = store.importLayout(twoLayerLayout("v1"), "app");
        Path v2 = tmp.resolve("v2");
        new OciLayoutBuilder(v2).layer(base()).cmd("true").write();
        ImageRef now = store.importLayout(v2, "app");
        assertThat(now.digest()).isNotEqualTo(old.digest());
        assertThat(store.resolve("app").orElseThrow().layersBottomToTop()).hasSize(1);
        assertThat(store.resolve("app@" + old.digest())).isEmpty();
    }

    @Test
    void refusesALayerWhoseDigestDoesNotMatch() throws IOException {
        Path layout = twoLayerLayout("bad");
        ObjectNode manifest = manifestOf(layout);
        Path layerBlob = blob(layout, manifest.path("layers").get(1).path("digest").asText());
        byte[] other = TarBuilder.gzip(new TarBuilder().file("evil", "x").tar());
        Files.write(layerBlob, other);
        // keep the size right so that the digest check is what fails
        ((ObjectNode) manifest.path("layers").get(1)).put("size", other.length);
        rewriteManifest(layout, manifest);

        ImageStore store = store();
        assertThatThrownBy(() -> store.importLayout(layout, "bad"))
                .isInstanceOf(MinipodException.class)
                .hasMessageContaining("layer " + manifest.path("layers").get(1).path("digest").asText() + ": digest mismatch, content hashes to sha256:")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(2);
        assertThat(store.listRefs()).isEmpty();
        assertThat(leftovers()).isEmpty();
        assertThat(storeRoot().resolve("layers/sha256").resolve(layerBlob.getFileName())).doesNotExist();
    }

    @Test
    void refusesATamperedConfig() throws IOException {
        Path layout = twoLayerLayout("cfg");
        Path config = blob(layout, manifestOf(layout).path("config").path("digest").asText());
        Files.writeString(config, Files.readString(config).replace("/app/run", "/app/rux"));
        assertThatThrownBy(() -> store().importLayout(layout, "cfg")).hasMessageContaining("digest mismatch");
    }

    @Test
    void refusesAnEscapingLayerAndLeavesNoPartialDir() throws IOException {
        Path layout = tmp.resolve("escape");
        new OciLayoutBuilder(layout).layer(base()).layer(new TarBuilder().file("../../etc/passwd", "x")).write();
        ImageStore store = store();
        assertThatThrownBy(() -> store.importLayout(layout, "escape"))
                .hasMessageEndingWith(": entry `../../etc/passwd` escapes the layer");
        assertThat(leftovers()).isEmpty();
        assertThat(store.listRefs()).isEmpty();
        assertThat(store.resolve("escape")).isEmpty();
    }

    @Test
    void refusesADiffIdMismatch() throws IOException {
        Path layout = tmp.resolve("diff");
        new OciLayoutBuilder(layout).layer(base()).write();
        Path config = blob(layout, manifestOf(layout).path("config").path("digest").asText());
        String text = Files.readString(config);
        String diffId = text.replaceAll("(?s).*\"diff_ids\":\\[\"(sha256:[0-9a-f]+)\".*", "$1");
        String fixed = text.replace(diffId, "sha256:" + "0".repeat(64));
        ObjectNode manifest = manifestOf(layout);
        Files.delete(config);
        ObjectNode newConfig = new OciLayoutBuilder(layout).descriptor(MediaTypes.OCI_CONFIG, fixed.getBytes());
        manifest.set("config", newConfig);
        rewriteManifest(layout, manifest);
        assertThatThrownBy(() -> store().importLayout(layout, "diff"))
                .hasMessageContaining("the config's diff_id is sha256:000");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void picksLinuxAmd64FromANestedIndex() throws IOException {
        Path layout = tmp.resolve("multi");
        OciLayoutBuilder arm = new OciLayoutBuilder(layout).layer(new TarBuilder().file("arch", "arm64")).architecture("arm64");
        OciLayoutBuilder amd = new OciLayoutBuilder(layout).layer(new TarBuilder().file("arch", "amd64"));
        ObjectNode armDesc = arm.descriptor(MediaTypes.OCI_MANIFEST, OciLayoutBuilder.json(arm.manifest()));
        armDesc.putObject("platform").put("os", "linux").put("architecture", "arm64");
        ObjectNode amdDesc = amd.descriptor(MediaTypes.OCI_MANIFEST, OciLayoutBuilder.json(amd.manifest()));
        amdDesc.putObject("platform").put("os", "linux").put("architecture", "amd64");
        ObjectNode inner = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        inner.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX).putArray("manifests").add(armDesc).add(amdDesc);
        ObjectNode innerDesc = amd.descriptor(MediaTypes.OCI_INDEX, OciLayoutBuilder.json(inner));
        innerDesc.putObject("annotations").put(Descriptor.REF_NAME, "1.0");
        ObjectNode otherDesc = amd.descriptor(MediaTypes.OCI_MANIFEST, OciLayoutBuilder.json(amd.manifest()));
        otherDesc.putObject("annotations").put(Descriptor.REF_NAME, "latest");
        amd.writeIndex(otherDesc, innerDesc);

        ImageStore store = store();
        ImageRef ref = store.importLayout(layout, "multi:1.0");
        assertThat(ref.digest()).isEqualTo(amdDesc.path("digest").asText());
        assertThat(store.resolve("multi:1.0").orElseThrow().layersBottomToTop().get(0).resolve("arch")).hasContent("amd64");
        assertThatThrownBy(() -> store.importLayout(layout, "multi:2.0"))
                .hasMessageContaining("has no manifest with ref.name `2.0`")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(3);
    }

    @Test
    void reportsMissingAndMalformedLayouts() throws IOException {
        ImageStore store = store();
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> store.importLayout(missing, "x"))
                .isInstanceOf(MinipodException.class)
                .hasMessage("oci layout `" + missing + "` not found")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(3);

        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> store.importLayout(empty, "x"))
                .hasMessage("oci layout `" + empty + "`: `index.json` not found");

        Files.writeString(empty.resolve("index.json"), "{\"manifests\": [");
        assertThatThrownBy(() -> store.importLayout(empty, "x"))
                .hasMessageContaining("index.json`: malformed JSON")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void refusesUnsupportedMediaTypes() throws IOException {
        Path zstd = tmp.resolve("zstd");
        new OciLayoutBuilder(zstd).layer(base()).layerMediaType(MediaTypes.OCI_LAYER_ZSTD).write();
        assertThatThrownBy(() -> store().importLayout(zstd, "z"))
                .hasMessageContaining("media type `application/vnd.oci.image.layer.v1.tar+zstd` is not supported yet");

        Path weird = tmp.resolve("weird");
        new OciLayoutBuilder(weird).layer(base()).layerMediaType("application/x-weird").write();
        assertThatThrownBy(() -> store().importLayout(weird, "w"))
                .hasMessageContaining("media type `application/x-weird` is not supported")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(2);

        Path arm = tmp.resolve("arm");
        new OciLayoutBuilder(arm).layer(base()).architecture("arm64").write();
        assertThatThrownBy(() -> store().importLayout(arm, "arm"))
                .hasMessageContaining("image is for linux/arm64, this node runs linux/amd64");
    }

    @Test
    void importsUncompressedLayers() throws IOException {
        Path plain = tmp.resolve("plain");
        new OciLayoutBuilder(plain).layer(base()).layerMediaType(MediaTypes.OCI_LAYER_TAR).write();
        ImageStore store = store();
        store.importLayout(plain, null);
        assertThat(store.resolve("plain:latest").orElseThrow().layersBottomToTop().get(0).resolve("bin/sh")).hasContent("shell");
    }

    @Test
    void aStoreWithoutAKernelLayerFsSaysSoOnWhiteouts() throws IOException {
        ImageStore plain = new ImageStore(storeRoot());
        assertThatThrownBy(() -> plain.importLayout(twoLayerLayout("wh"), "wh"))
                .hasMessageContaining("whiteout `")
                .hasMessageContaining("this image store has no kernel-bound LayerFs");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void refusesAMalformedRefsFile() throws IOException {
        Files.createDirectories(storeRoot());
        Files.writeString(storeRoot().resolve("refs.json"), "[1,");
        assertThatThrownBy(() -> store().resolve("busybox"))
                .hasMessageContaining("refs.json`: malformed JSON")
                .extracting(e -> ((MinipodException) e).exitCode()).isEqualTo(2);
    }

    /** Stray .partial-* or temp entries in the store. */
    private List<Path> leftovers() throws IOException {
        Path layers = storeRoot().resolve("layers/sha256");
        if (!Files.isDirectory(layers)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(layers)) {
            return list.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static ObjectNode manifestOf(Path layout) throws IOException {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        String digest = mapper.readTree(layout.resolve("index.json").toFile()).path("manifests").get(0).path("digest").asText();
        return (ObjectNode) mapper.readTree(blob(layout, digest).toFile());
    }

    private static void rewriteManifest(Path layout, ObjectNode manifest) throws IOException {
        OciLayoutBuilder b = new OciLayoutBuilder(layout);
        ObjectNode desc = b.descriptor(MediaTypes.OCI_MANIFEST, OciLayoutBuilder.json(manifest));
        desc.putObject("annotations").put(Descriptor.REF_NAME, "latest");
        b.writeIndex(desc);
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }
}
