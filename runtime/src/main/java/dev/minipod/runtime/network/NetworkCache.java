package dev.minipod.runtime.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.minipod.runtime.state.AtomicFiles;

/**
 * What ADD used and returned, per pod (libcni's result cache): DEL runs with exactly this config
 * and runtime arguments even if the config dir changed since, and a restarted daemon reads the
 * pod's IPs from here instead of calling ADD again. Written before ADD (result null) so a daemon
 * that dies mid-ADD still knows to DEL.
 */
public final class NetworkCache {
    private final Path dir;

    public NetworkCache(Path dir) {
        this.dir = dir;
    }

    /** @param result null until ADD succeeded */
    public record Entry(String conflist, String source, CniRuntime runtime, JsonNode result) {
        NetworkList network() {
            return NetworkList.parse(conflist, source);
        }

        CniResult cniResult() {
            return result == null || result.isNull() ? null : new CniResult(result);
        }
    }

    public void write(String podUid, Entry e) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file(podUid), NetworkList.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(e));
        } catch (IOException x) {
            throw new UncheckedIOException("write network cache of pod " + podUid, x);
        }
    }

    public Optional<Entry> read(String podUid) {
        Path f = file(podUid);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(NetworkList.JSON.readValue(f.toFile(), Entry.class));
        } catch (IOException x) {
            throw new UncheckedIOException("read network cache `" + f + "`", x);
        }
    }

    public void remove(String podUid) {
        try {
            Files.deleteIfExists(file(podUid));
        } catch (IOException x) {
            throw new UncheckedIOException("remove network cache of pod " + podUid, x);
        }
    }

    /** Pod uids with a cache entry. */
    public List<String> podUids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).toList();
        } catch (IOException x) {
            throw new UncheckedIOException("list network cache `" + dir + "`", x);
        }
    }

    private Path file(String podUid) {
        return dir.resolve(podUid + ".json");
    }
}
