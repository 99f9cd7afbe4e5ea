package dev.minipod.runtime.image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two kernel-only actions of layer unpacking, kept behind an interface so that unpacking is
 * unit-testable without root. The real implementation binds them to the native shim.
 */
public interface LayerFs {
    /** Creates the overlayfs whiteout for {@code path}: a character device 0/0 (mknod). */
    void whiteout(Path path) throws IOException;

    /** Marks {@code dir} opaque for overlayfs: lsetxattr {@code trusted.overlay.opaque=y}. */
    void opaque(Path dir) throws IOException;
}
