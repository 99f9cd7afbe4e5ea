package dev.minipod.runtime.image;

import dev.minipod.runtime.state.AtomicFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.minipod.runtime.MinipodException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code refs.json}: name ({@code repo:tag}) -> manifest digest. Read fresh on every lookup so a
 * running daemon sees imports made by another process; updates are read-modify-write under an
 * exclusive lock on {@code refs.json.lock} and land atomically.
 */
final class RefsFile {
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    /** File locks are per process; threads of one JVM serialise here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final Path lock;
    private final ObjectMapper mapper;

    RefsFile(Path file, ObjectMapper mapper) {
        this.file = file;
        this.lock = file.resolveSibling(file.getFileName() + ".lock");
        this.mapper = mapper;
    }

    /** The current mapping, sorted by name; empty when the file does not exist yet. */
    TreeMap<String, String> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        }
        try {
            TreeMap<String, String> refs = mapper.readValue(bytes, MAP);
            return refs == null ? new TreeMap<>() : refs;
        } catch (JsonProcessingException e) {
            throw MinipodException.invalid("`" + file + "`: malformed JSON: " + e.getOriginalMessage());
        }
    }

    void put(String name, String digest) throws IOException {
        synchronized (IN_PROCESS) {
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Map<String, String> refs = read();
                refs.put(name, digest);
                AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(refs));
            }
        }
    }
}
