package dev.minipod.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** One mounted cgroup hierarchy: directories, control files, and removal that kills what is left. */
final class CgroupTree {
    private final Path root;
    private final CgroupHost host;

    CgroupTree(Path root, CgroupHost host) {
        this.root = root;
        this.host = host;
    }

    Path root() { return root; }

    Path dir(String path) { return root.resolve(path); }

    /**
     * Creates each missing level of path; beforeCreate(parent) runs right before each mkdir,
     * onCreated(parent, child) right after it.
     */
    void mkdirs(String path, java.util.function.Consumer<Path> beforeCreate, BiConsumer<Path, Path> onCreated) {
        Path d = root;
        for (Path part : Path.of(path)) {
            Path child = d.resolve(part.toString());
            if (!Files.isDirectory(child)) {
                beforeCreate.accept(d);
                try {
                    Files.createDirectory(child);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another pod worker created it meanwhile
                } catch (IOException e) {
                    throw new UncheckedIOException("mkdir cgroup `" + child + "`", e);
                }
                host.created(child);
                onCreated.accept(d, child);
            }
            d = child;
        }
    }

    void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new UncheckedIOException("write `" + value + "` to `" + file + "`", e);
        }
    }

    Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("read `" + file + "`", e);
        }
    }

    /** The value of a "key value" line (memory.stat, memory.events, cpu.stat, memory.oom_control), or 0. */
    long keyed(Path file, String key) {
        for (String line : read(file).orElse("").split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.substring(0, sp).equals(key)) {
                return Long.parseLong(line.substring(sp + 1).trim());
            }
        }
        return 0;
    }

    /** A file holding one number, or empty when the file is absent. */
    Optional<Long> number(Path file) {
        return read(file).map(String::trim).filter(s -> !s.isEmpty()).map(Long::parseLong);
    }

    List<String> children(String path) {
        Path d = dir(path);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, Files::isDirectory)) {
            ds.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("list cgroup `" + d + "`", e);
        }
        return out;
    }

    /** Kills and removes the subtree, deepest first; fails naming the pids that would not die. */
    void remove(String path) {
        removeTree(dir(path));
    }

    private void removeTree(Path d) {
        if (!Files.isDirectory(d)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(d, Files::isDirectory)) {
            for (Path child : children) {
                removeTree(child);
            }
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("list cgroup `" + d + "`", e);
        }
        for (int round = 0; round < 250; round++) {
            List<Integer> pids = procs(d);
            if (pids.isEmpty() && host.rmdir(d)) {
                return;
            }
            pids.forEach(host::kill);
            sleep(20);
        }
        throw new IllegalStateException("remove cgroup `" + d + "`: processes " + procs(d) + " do not die");
    }

    List<Integer> procs(Path d) {
        return read(d.resolve("cgroup.procs")).orElse("").lines().filter(s -> !s.isBlank()).map(Integer::parseInt).toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
