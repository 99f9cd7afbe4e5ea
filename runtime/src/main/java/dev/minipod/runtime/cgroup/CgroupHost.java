package dev.minipod.runtime.cgroup;

import java.nio.file.Path;

/**
 * The host actions cgroups need besides file IO: killing a process, removing a cgroup directory,
 * and (v2) attaching a device program. Real on a host; a fake tree in tests deletes plain files instead.
 */
public interface CgroupHost {
    void kill(int pid);

    /** Called right after a cgroup directory was made (the kernel fills it; a fake tree does it here). */
    default void created(Path dir) {}

    /** Removes an empty cgroup; false while processes still hold it (EBUSY). */
    boolean rmdir(Path dir);

    /** Attaches a cgroup v2 device program ({@code security.DeviceProgram}) to the cgroup directory. */
    default void attachDeviceProgram(Path dir, long[] insns) {
        throw new IllegalStateException("attach device program to `" + dir + "`: this host cannot");
    }
}
