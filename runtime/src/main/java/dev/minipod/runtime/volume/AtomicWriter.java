package dev.minipod.runtime.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import dev.minipod.runtime.state.Dirs;

/**
 * Writes a projected volume so that a reader never sees a half-written set of files: the kubelet's
 * atomic writer layout. In the volume's directory:
 * <pre>
 *   ..2026_11_23_08_40_17.123456789   the files of one version (dir 0755; files with their modes)
 *   ..data -> ..2026_11_23_08_40_17.123456789
 *   key -> ..data/key                 one symlink per top-level name the user sees
 * </pre>
 * A new version is written into a fresh timestamped directory; a {@code ..data_tmp} symlink to it
 * is renamed over {@code ..data} (rename(2) is atomic); then the old version is removed, new
 * top-level names get their symlinks and names no longer in the payload lose them. Nothing is
 * rewritten when the payload's paths and contents equal what {@code ..data} holds (modes are not
 * compared, as the kubelet's writer does not: they come from the immutable pod spec, and fsGroup
 * changes them on disk).
 */
public final class AtomicWriter {
    static final String DATA = "..data";
    private static final String DATA_TMP = "..data_tmp";
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private final java.util.function.Consumer<Path> setPerms;

    public AtomicWriter(Path dir, Clock clock) {
        this(dir, clock, version -> {});
    }

    /** @param setPerms applied to a new version's directory before it becomes visible (fsGroup ownership) */
    public AtomicWriter(Path dir, Clock clock, java.util.function.Consumer<Path> setPerms) {
        this.dir = dir;
        this.clock = clock;
        this.setPerms = setPerms;
    }

    /** Writes the payload; returns false when it was already there. */
    public boolean write(Map<String, FileProjection> payload) {
        payload.keySet().forEach(AtomicWriter::validatePath);
        try {
            Path old = current();
            Set<String> oldPaths = old == null ? Set.of() : paths(old);
            if (old != null && oldPaths.equals(payload.keySet()) && same(old, payload)) {
                return false;
            }
            Path fresh = newVersionDir();
            for (Map.Entry<String, FileProjection> e : payload.entrySet()) {
                Path f = fresh.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.write(f, e.getValue().data());
                Files.setPosixFilePermissions(f, permissions(e.getValue().mode()));
            }
            setPerms.accept(fresh);
            Path tmp = dir.resolve(DATA_TMP);
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, fresh.getFileName());
            Files.move(tmp, dir.resolve(DATA), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (old != null) {
                Dirs.deleteTree(old);
            }
            Set<String> visible = new HashSet<>();
            for (String p : payload.keySet()) {
                String top = p.split("/")[0];
                visible.add(top);
                Path link = dir.resolve(top);
                if (!Files.isSymbolicLink(link)) {
                    try {
                        Files.createSymbolicLink(link, Path.of(DATA).resolve(top));
                    } catch (FileAlreadyExistsException e) {
                        throw new IOException("user-visible name `" + top + "` exists and is not a symlink", e);
                    }
                }
            }
            for (String p : oldPaths) {
                String top = p.split("/")[0];
                if (!visible.contains(top)) {
                    Files.deleteIfExists(dir.resolve(top));
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("write projected files to `" + dir + "`", e);
        }
    }

    /** atomic_writer.go validatePath: relative, no {@code ..} element, not starting with {@code ..}, bounded. */
    static void validatePath(String p) {
        if (p.isEmpty()) throw Payloads.failure("invalid path: must not be empty");
        if (p.length() > 4096) throw Payloads.failure("invalid path: must be less than or equal to 4096 characters");
        if (p.startsWith("/")) throw Payloads.failure("invalid path: must be relative path: " + p);
        if (p.startsWith("..")) throw Payloads.failure("invalid path: must not start with '..': " + p);
        for (String part : p.split("/")) {
            if (part.equals("..")) throw Payloads.failure("invalid path: must not contain '..': " + p);
            if (part.length() > 255) throw Payloads.failure("invalid path: must not contain elements longer than 255 characters: " + p);
        }
    }

    private Path current() throws IOException {
        Path data = dir.resolve(DATA);
        if (!Files.isSymbolicLink(data)) return null;
        Path target = dir.resolve(Files.readSymbolicLink(data));
        return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? target : null;
    }

    private Path newVersionDir() throws IOException {
        Files.createDirectories(dir);
        while (true) {
            Path p = dir.resolve(".." + TS.format(clock.instant()) + "." + ThreadLocalRandom.current().nextInt(1_000_000_000));
            try {
                Files.createDirectory(p);
                Files.setPosixFilePermissions(p, permissions(0755));
                return p;
            } catch (FileAlreadyExistsException e) {
                // a random suffix collided: draw again
            }
        }
    }

    /** The files (not dirs) of a version, as relative paths. */
    private static Set<String> paths(Path version) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> s = Files.walk(version)) {
            s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> out.add(version.relativize(p).toString()));
        }
        return out;
    }

    private static boolean same(Path version, Map<String, FileProjection> payload) throws IOException {
        for (Map.Entry<String, FileProjection> e : payload.entrySet()) {
            if (!java.util.Arrays.equals(Files.readAllBytes(version.resolve(e.getKey())), e.getValue().data())) {
                return false;
            }
        }
        return true;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = new HashSet<>();
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) s.add(bits[i]);
        }
        return s;
    }
}
