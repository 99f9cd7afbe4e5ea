package dev.minipod.runtime.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.minipod.runtime.image.LayerFs;

/** OCI whiteouts as overlayfs understands them: a 0/0 char device, and the opaque xattr. */
public final class KernelLayerFs implements LayerFs {
    private static final int S_IFCHR = 0020000;

    private final Kernel kernel;

    public KernelLayerFs(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void whiteout(Path path) {
        kernel.mknod(path, S_IFCHR, 0, 0);
    }

    @Override
    public void opaque(Path dir) {
        kernel.lsetxattr(dir, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
    }
}
