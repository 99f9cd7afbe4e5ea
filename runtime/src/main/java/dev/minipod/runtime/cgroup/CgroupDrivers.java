package dev.minipod.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Picks the driver at start-up. v2 only when the mount itself is cgroup2 and offers controllers:
 * a hybrid host (v1 controllers, plus a nearly empty cgroup2 at {@code unified}) is v1, where
 * crun 1.8 wrongly goes v2 and fails.
 */
public final class CgroupDrivers {
    private CgroupDrivers() {}

    public static CgroupDriver detect(Path mount, CgroupHost host, boolean cpuset) {
        List<String> mountinfo;
        try {
            mountinfo = Files.readAllLines(Path.of("/proc/self/mountinfo"));
        } catch (IOException e) {
            throw new UncheckedIOException("read /proc/self/mountinfo", e);
        }
        return isV2(fsType(mount, mountinfo), CgroupV2Driver.available(mount))
                ? new CgroupV2Driver(mount, host, cpuset) : new CgroupV1Driver(mount, host, cpuset);
    }

    static boolean isV2(String fsType, List<String> controllers) {
        return "cgroup2".equals(fsType) && controllers.stream().anyMatch(c -> !c.isBlank());
    }

    /** The filesystem type mounted at dir (the last mount there wins), or "" when none is. */
    static String fsType(Path dir, List<String> mountinfo) {
        String type = "";
        String target = dir.toAbsolutePath().normalize().toString();
        for (String line : mountinfo) {
            String[] f = line.split(" ");
            int dash = java.util.Arrays.asList(f).indexOf("-");
            if (f.length > 4 && dash > 0 && dash + 1 < f.length && f[4].equals(target)) {
                type = f[dash + 1];
            }
        }
        return type;
    }
}
