package dev.minipod.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Persists pods (pod.json, under the persistent root) and their runtime state (runtime.json, under
 * the run root), each written atomically.
 */
public final class StateStore {
    private final Layout layout;
    private final ObjectMapper json;

    public StateStore(Layout layout) {
        this.layout = layout;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // records only: derived accessors such as ContainerRecord.isRunning() are not state
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }

    public void savePod(Pod pod) {
        AtomicFiles.write(layout.podFile(pod.getMetadata().getUid()), bytes(pod));
    }

    public void saveRuntime(String uid, PodRuntimeState state) {
        AtomicFiles.write(layout.runtimeFile(uid), bytes(state));
    }

    public Optional<PodRuntimeState> loadRuntime(String uid) {
        Path f = layout.runtimeFile(uid);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(f.toFile(), PodRuntimeState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("read `" + f + "`", e);
        }
    }

    /** Every persisted pod, for recovery after a daemon restart. */
    public List<Pod> loadPods() {
        List<Pod> pods = new ArrayList<>();
        Path dir = layout.podsDir();
        if (!Files.isDirectory(dir)) {
            return pods;
        }
        try (DirectoryStream<Path> uids = Files.newDirectoryStream(dir)) {
            for (Path uid : uids) {
                Path f = uid.resolve("pod.json");
                if (Files.isRegularFile(f)) {
                    pods.add(json.readValue(f.toFile(), Pod.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read pods under `" + dir + "`", e);
        }
        return pods;
    }

    private byte[] bytes(Object o) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException("serialize state", e);
        }
    }
}
