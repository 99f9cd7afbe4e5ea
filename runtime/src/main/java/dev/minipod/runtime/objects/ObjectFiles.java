package dev.minipod.runtime.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.minipod.runtime.spec.PodJson;
import dev.minipod.runtime.state.AtomicFiles;
import dev.minipod.runtime.state.Layout;

/**
 * Where objects live: one JSON file each, written atomically. Secrets go only to the secrets tmpfs
 * under the run root; everything else to {@code <root>/objects/<resource>/[<namespace>/]<name>.json}.
 */
final class ObjectFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ObjectFiles.class);

    private final Layout layout;

    ObjectFiles(Layout layout) { this.layout = layout; }

    private Path dir(Kind kind) {
        return kind == Kind.SECRET ? layout.secretsDir() : layout.objectsDir().resolve(kind.resource());
    }

    Path file(Kind kind, String namespace, String name) {
        Path d = dir(kind);
        return (kind.namespaced() ? d.resolve(namespace) : d).resolve(name + ".json");
    }

    void write(Kind kind, ObjectNode obj) {
        AtomicFiles.write(file(kind, obj.path("metadata").path("namespace").asText(""), obj.path("metadata").path("name").asText()),
                PodJson.toJson(obj).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void delete(Kind kind, String namespace, String name) {
        try {
            Files.deleteIfExists(file(kind, namespace, name));
        } catch (IOException e) {
            throw new UncheckedIOException("delete `" + file(kind, namespace, name) + "`", e);
        }
    }

    /** Every stored object of a kind; an unreadable file is logged and skipped (it never was acknowledged whole). */
    List<ObjectNode> load(Kind kind) {
        List<ObjectNode> out = new ArrayList<>();
        Path d = dir(kind);
        if (!Files.isDirectory(d)) return out;
        try (Stream<Path> files = Files.walk(d, kind.namespaced() ? 2 : 1)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList()) {
                try {
                    out.add((ObjectNode) PodJson.json().readTree(f.toFile()));
                } catch (IOException | ClassCastException e) {
                    LOG.error("event=object-unreadable file={} error={}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read `" + d + "`", e);
        }
        return out;
    }
}
