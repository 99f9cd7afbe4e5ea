package dev.minipod.runtime.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes small OCI image layouts for tests. */
final class OciLayoutBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<byte[]> layerTars = new ArrayList<>();
    private final List<String> cmd = new ArrayList<>(List.of("sh"));
    private String layerMediaType = MediaTypes.OCI_LAYER_GZIP;
    private String architecture = "amd64";

    OciLayoutBuilder(Path dir) {
        this.dir = dir;
    }

    OciLayoutBuilder layer(TarBuilder tar) {
        layerTars.add(tar.tar());
        return this;
    }

    OciLayoutBuilder layerMediaType(String mediaType) {
        this.layerMediaType = mediaType;
        return this;
    }

    OciLayoutBuilder architecture(String arch) {
        this.architecture = arch;
        return this;
    }

    OciLayoutBuilder cmd(String... args) {
        cmd.clear();
        cmd.addAll(List.of(args));
        return this;
    }

    /** Writes the layout; returns the manifest descriptor (also listed in index.json as "latest"). */
    ObjectNode write() throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode manifest = manifest();
        ObjectNode desc = descriptor(MediaTypes.OCI_MANIFEST, JSON.writeValueAsBytes(manifest));
        desc.putObject("annotations").put(Descriptor.REF_NAME, "latest");
        writeIndex(desc);
        return desc;
    }

    /** The manifest document (blobs for its layers and config written). */
    ObjectNode manifest() throws IOException {
        Files.createDirectories(dir.resolve("blobs/sha256"));
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", architecture).put("os", "linux");
        ObjectNode c = config.putObject("config");
        c.putArray("Env").add("PATH=/usr/bin:/bin");
        ArrayNode cmdNode = c.putArray("Cmd");
        cmd.forEach(cmdNode::add);
        c.put("WorkingDir", "/");
        c.putObject("ExposedPorts").putObject("8080/tcp");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        ArrayNode layers = JSON.createArrayNode();
        for (byte[] tar : layerTars) {
            diffIds.add(Digest.of(tar).toString());
            byte[] blob = layerMediaType.endsWith("gzip") ? TarBuilder.gzip(tar) : tar;
            layers.add(descriptor(layerMediaType, blob));
        }
        manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, JSON.writeValueAsBytes(config)));
        manifest.set("layers", layers);
        return manifest;
    }

    void writeIndex(ObjectNode... descriptors) throws IOException {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (ObjectNode d : descriptors) {
            manifests.add(d);
        }
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(index));
    }

    /** Stores {@code content} as a blob and returns its descriptor. */
    ObjectNode descriptor(String mediaType, byte[] content) throws IOException {
        Digest d = Digest.of(content);
        Files.write(dir.resolve("blobs/sha256").resolve(d.hex()), content);
        ObjectNode desc = JSON.createObjectNode();
        desc.put("mediaType", mediaType).put("digest", d.toString()).put("size", content.length);
        return desc;
    }

    static byte[] json(Object node) throws IOException {
        return JSON.writeValueAsBytes(node);
    }
}
