package dev.minipod.runtime.rootfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.state.Dirs;

/** A container instance's root: an overlay of the image layers and its own upper/work dirs. */
public final class ContainerRootfs {
    private final Kernel kernel;

    public ContainerRootfs(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * @param layerDir persistent dir for upper/ and work/ (on disk, like a container's writable layer)
     * @param mountPoint where the merged view is mounted
     * @param lowersBottomToTop image layers in OCI order
     */
    public void mount(Path layerDir, Path mountPoint, List<Path> lowersBottomToTop) {
        Path upper = layerDir.resolve("upper");
        Path work = layerDir.resolve("work");
        try {
            Files.createDirectories(upper);
            Files.createDirectories(work);
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException("create rootfs dirs for `" + mountPoint + "`", e);
        }
        List<Path> topFirst = new java.util.ArrayList<>(lowersBottomToTop);
        java.util.Collections.reverse(topFirst);
        kernel.mountOverlay(mountPoint, topFirst, upper, work);
    }

    /** Unmounts the merged view (lazily: a dying container may still hold it) and removes its dirs. */
    public void unmount(Path layerDir, Path mountPoint) {
        if (MountInfo.isMountPoint(mountPoint)) {
            kernel.umount(mountPoint, Kernel.MNT_DETACH);
        }
        Dirs.deleteTree(mountPoint);
        Dirs.deleteTree(layerDir);
    }
}
