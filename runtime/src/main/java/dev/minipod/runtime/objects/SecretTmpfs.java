package dev.minipod.runtime.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.minipod.runtime.linux.Kernel;
import dev.minipod.runtime.linux.MountInfo;
import dev.minipod.runtime.state.Dirs;

/**
 * The memory-backed filesystem holding Secrets: a 0700 tmpfs at {@code <run-root>/secrets}, mounted
 * when the first Secret is written. It outlives the daemon (a restarted daemon finds its Secrets) and
 * goes with a reboot or {@link #wipe}, never touching a disk.
 */
public final class SecretTmpfs {
    static final String OPTIONS = "mode=0700,size=256m";

    private final Kernel kernel;
    private final Path dir;

    public SecretTmpfs(Kernel kernel, Path dir) {
        this.kernel = kernel;
        this.dir = dir;
    }

    public boolean mounted() { return MountInfo.isMountPoint(dir); }

    public void ensureMounted() {
        if (mounted()) return;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("create `" + dir + "`", e);
        }
        kernel.mount("tmpfs", dir, "tmpfs", Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC, OPTIONS);
    }

    /** Unmounts the tmpfs (dropping every Secret value) and removes the mount point. */
    public void wipe() {
        if (mounted()) kernel.umount(dir, Kernel.MNT_DETACH);
        Dirs.deleteTree(dir);
    }
}
