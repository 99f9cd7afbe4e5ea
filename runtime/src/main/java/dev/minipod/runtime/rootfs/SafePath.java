package dev.minipod.runtime.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.minipod.runtime.MinipodException;

/**
 * Resolves a container path inside a rootfs on the host the way the container would see it:
 * symlinks are followed relative to the rootfs, and ".." never climbs above it. A mount target
 * computed here can never land outside the container's root.
 */
public final class SafePath {
    private static final int MAX_LINKS = 40;

    private SafePath() {}

    public static Path resolve(Path root, String containerPath) {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, containerPath);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(root, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw MinipodException.invalid("too many levels of symbolic links resolving `" + containerPath + "`");
                }
                String target = readLink(candidate);
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(part);
        }
        return join(root, done);
    }

    /** Creates the directory (and parents) a container path names, inside the root. */
    public static Path mkdirs(Path root, String containerPath) {
        // every existing component of the resolved path is a real directory inside the root,
        // so creating the missing ones cannot follow a link out of it
        Path p = resolve(root, containerPath);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("mkdir `" + containerPath + "` in `" + root + "`", e);
        }
        return p;
    }

    /** Creates an empty file (for file bind targets such as /etc/hosts) if none exists. */
    public static Path touch(Path root, String containerPath) {
        Path p = resolve(root, containerPath);
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(p.getParent());
                Files.createFile(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("create `" + containerPath + "` in `" + root + "`", e);
        }
        return p;
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.addFirst(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("readlink `" + link + "`", e);
        }
    }
}
