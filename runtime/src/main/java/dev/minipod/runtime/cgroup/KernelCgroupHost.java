package dev.minipod.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.minipod.runtime.linux.Kernel;

/** Kills by pidfd (no pid reuse race) and removes cgroup directories with rmdir. */
public final class KernelCgroupHost implements CgroupHost {
    private final Kernel kernel;

    public KernelCgroupHost(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public void kill(int pid) {
        try {
            int fd = kernel.pidfdOpen(pid);
            try {
                kernel.signal(fd, Kernel.SIGKILL);
            } finally {
                kernel.close(fd);
            }
        } catch (RuntimeException gone) {
            // exited meanwhile
        }
    }

    @Override
    public boolean rmdir(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException busy) {
            return false; // EBUSY while a process is still in it
        }
    }
}
