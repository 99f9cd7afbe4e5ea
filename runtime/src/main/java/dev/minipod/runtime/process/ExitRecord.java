package dev.minipod.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The monitor's exit file: how a container ended, written the moment it was known. */
public record ExitRecord(int exitCode, int signal, Instant startedAt, Instant finishedAt, String startError) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<ExitRecord> read(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            return Optional.of(new ExitRecord(
                    n.path("exitCode").asInt(255),
                    n.path("signal").asInt(0),
                    time(n, "startedAt"),
                    time(n, "finishedAt"),
                    n.hasNonNull("startError") ? n.get("startError").asText() : null));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("read exit file `" + file + "`", e);
        }
    }

    private static Instant time(JsonNode n, String field) {
        String s = n.path(field).asText("");
        return s.isEmpty() ? null : Instant.parse(s);
    }
}
