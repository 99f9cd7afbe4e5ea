package dev.minipod.runtime.image;

import java.io.IOException;
import java.nio.file.Path;

import dev.minipod.runtime.linux.KernelLayerFs;
import dev.minipod.runtime.linux.LinuxKernel;

/**
 * `minipod import` when no daemon answers: imports in the CLI's own process (the only CLI path
 * that loads native code; whiteouts need mknod and xattrs). The store is file-based, so a daemon
 * started later sees the image.
 */
public final class ImportCommand {
    private ImportCommand() {}

    public static ImageRef run(Path root, Path ociLayoutDir, String nameTag) throws IOException {
        String libexec = System.getProperty("minipod.libexec");
        if (libexec == null) {
            throw new IllegalStateException("minipod.libexec is not set: run minipod through bin/minipod");
        }
        ImageStore store = new ImageStore(root.resolve("images"), new KernelLayerFs(LinuxKernel.load(Path.of(libexec))));
        return store.importLayout(ociLayoutDir, nameTag);
    }
}
