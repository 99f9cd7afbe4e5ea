package dev.minipod.runtime.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.minipod.runtime.security.FsGroup;

/** Applies a pod's fsGroup to a volume this runtime created (callable by every volume type). */
public final class VolumeOwnership {
    private VolumeOwnership() {}

    /** Creates an emptyDir as the kubelet does: mode 0777, then fsGroup ownership if the pod has one. */
    public static void createEmptyDir(Path dir, Long fsGroup) {
        try {
            Files.createDirectories(dir);
            Files.setAttribute(dir, "unix:mode", FsGroup.EMPTY_DIR_MODE);
        } catch (IOException e) {
            throw new UncheckedIOException("create emptyDir `" + dir + "`", e);
        }
        if (fsGroup != null) {
            apply(dir, fsGroup, false);
        }
    }

    /** chgrp fsGroup and the fsGroup mode bits on everything under root (symlinks are left alone). */
    public static void apply(Path root, long fsGroup, boolean readOnly) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", (int) fsGroup, LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
                Files.setAttribute(p, "unix:mode", FsGroup.mode(mode, dir, readOnly), LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("apply fsGroup " + fsGroup + " to `" + root + "`", e);
        }
    }
}
