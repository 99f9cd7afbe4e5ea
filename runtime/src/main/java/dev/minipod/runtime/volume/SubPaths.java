package dev.minipod.runtime.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;

import dev.minipod.runtime.MinipodException;
import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.MountInfo;

/**
 * Binds a volume's subPath for one container safely (kubelet PrepareSafeSubpath): symlinks in the
 * subPath are followed only while they stay inside the volume; missing directories are created
 * (with the volume root's mode). The verified path is bind-mounted to a private place in the
 * instance's run dir, and the mount is checked to hold the very inode that was verified, so a
 * component swapped for a symlink between check and mount is caught, unmounted and refused. The
 * container then binds that private place, never the user-controlled path.
 */
public final class SubPaths {
    private final Kernel kernel;

    public SubPaths(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * @param bindPlace where to bind the verified subPath (created; a dir or a file like the subPath)
     * @return bindPlace, now a mount of the subPath
     */
    public Path prepare(Path volumeRoot, String subPath, Path bindPlace, String mountName, String container) {
        try {
            Path root = volumeRoot.toRealPath();
            Path real = resolveCreating(root, subPath);
            if (real == null || !real.startsWith(root)) throw refuse(mountName, container);
            Object id = identity(real);
            Files.createDirectories(bindPlace.getParent());
            if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(bindPlace);
            else if (!Files.exists(bindPlace, LinkOption.NOFOLLOW_LINKS)) Files.createFile(bindPlace);
            kernel.mount(real.toString(), bindPlace, null, Kernel.MS_BIND, null);
            if (!id.equals(identity(bindPlace))) {
                kernel.umount(bindPlace, Kernel.MNT_DETACH);
                throw refuse(mountName, container);
            }
            return bindPlace;
        } catch (IOException e) {
            throw new UncheckedIOException("prepare subPath `" + subPath + "` of `" + volumeRoot + "`", e);
        }
    }

    /** Unmounts every subPath bind of an instance (Layout.subPathMounts). */
    public void release(Path subPathMounts) {
        for (Path m : MountInfo.under(subPathMounts)) {
            kernel.umount(m, Kernel.MNT_DETACH);
        }
    }

    /**
     * Walks the subPath one element at a time under root; a symlink is followed (host-side, like
     * EvalSymlinks) and must land inside root; a missing element is created as a directory. Returns
     * the real path, or null when it escapes.
     */
    private static Path resolveCreating(Path root, String subPath) throws IOException {
        Path cur = root;
        for (String part : subPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            Path next = cur.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (!Files.exists(next)) return null; // dangling: nothing inside the volume to bind
                next = next.toRealPath();
                if (!next.startsWith(root)) return null;
            } else if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(next);
                // without following links: the container may swap the new dir for a symlink meanwhile
                Files.getFileAttributeView(next, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(Files.getPosixFilePermissions(root));
            }
            cur = next;
        }
        return cur.toRealPath();
    }

    private static Object identity(Path p) throws IOException {
        return Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS) + ":" + Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
    }

    private static MinipodException refuse(String mountName, String container) {
        // like the kubelet, the message does not tell what the path points at on the host
        return new MinipodException("CreateContainerConfigError", 1,
                "failed to prepare subPath for volumeMount \"" + mountName + "\" of container \"" + container + "\"");
    }
}
