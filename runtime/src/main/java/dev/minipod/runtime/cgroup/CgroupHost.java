package dev.minipod.runtime.cgroup;

import java.nio.file.Path;

/**
 * The two host actions cgroup removal needs besides file IO: killing a process and removing a
 * cgroup directory. Real on a host; a fake tree in tests deletes plain files instead.
 */
public interface CgroupHost {
    void kill(int pid);

    /** Called right after a cgroup directory was made (the kernel fills it; a fake tree does it here). */
    default void created(Path dir) {}

    /** Removes an empty cgroup; false while processes still hold it (EBUSY). */
    boolean rmdir(Path dir);
}
