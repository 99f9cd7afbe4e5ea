package dev.minipod.runtime.rootfs;

import static dev.minipod.runtime.linux.Kernel.MS_BIND;
import static dev.minipod.runtime.linux.Kernel.MS_NODEV;
import static dev.minipod.runtime.linux.Kernel.MS_NOEXEC;
import static dev.minipod.runtime.linux.Kernel.MS_NOSUID;
import static dev.minipod.runtime.linux.Kernel.MS_RDONLY;
import static dev.minipod.runtime.linux.Kernel.MS_REC;
import static dev.minipod.runtime.linux.Kernel.MS_REMOUNT;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides the mount sequence of one container (pure). Everything the container sees besides its
 * image: /proc, read-only /sys, a tmpfs /dev with the standard devices and the pod-shared /dev/shm,
 * the pod's etc files and volumes.
 *
 * @param binds  host path -> in-rootfs host path (already created), in mount order
 */
public record MountPlan(List<MountOp> ops, List<MountOp> postOps) {

    /** A bind mount into the container: {@code target} is the host-side path inside the rootfs. */
    public record Bind(Path source, Path target, String containerPath, boolean readOnly, boolean fileInDev) {
        public Bind(Path source, Path target, String containerPath, boolean readOnly) {
            this(source, target, containerPath, readOnly, false);
        }

        /** A file bound somewhere under /dev: its target is made inside the container's fresh /dev tmpfs. */
        public static Bind fileInDev(Path source, Path rootfs, String containerPath) {
            return new Bind(source, rootfs.resolve(containerPath.substring(1)), containerPath, false, true);
        }
    }

    private static final String[][] DEVICES = {
        {"null", "1", "3"}, {"zero", "1", "5"}, {"full", "1", "7"},
        {"random", "1", "8"}, {"urandom", "1", "9"}, {"tty", "5", "0"},
    };

    /**
     * The securityContext's share of the mount plan (post-pivot, paths inside the container).
     *
     * @param sysctls        /proc/sys file -> value, written before /proc/sys turns read-only
     * @param writableSysfs  privileged: /sys is mounted read-write
     */
    public record Hardening(List<String> masked, List<String> readonly, Map<String, String> sysctls,
                            boolean readOnlyRoot, boolean writableSysfs, List<HostDevice> hostDevices) {
        public static final Hardening NONE = new Hardening(List.of(), List.of(), Map.of(), false, false, List.of());
    }

    /**
     * A device node of the host's /dev, given to privileged containers.
     *
     * @param path path under /dev, e.g. "/dev/net/tun"
     */
    public record HostDevice(String path, boolean block, int mode, int major, int minor) {
        /** The kernel's dev_t split (new_decode_dev): 12-bit major and 20-bit minor in the 64-bit encoding. */
        public static HostDevice of(String path, boolean block, int mode, long rdev) {
            int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
            int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
            return new HostDevice(path, block, mode, major, minor);
        }
    }

    /** /dev entries every container already has, or that must stay the container's own. */
    private static final java.util.Set<String> OWN_DEVICES = java.util.Set.of("/dev/null", "/dev/zero", "/dev/full",
            "/dev/random", "/dev/urandom", "/dev/tty", "/dev/ptmx", "/dev/console");

    public static MountPlan forContainer(Path rootfs, Path podShm, List<Bind> binds) {
        return forContainer(rootfs, podShm, binds, Hardening.NONE);
    }

    public static MountPlan forContainer(Path rootfs, Path podShm, List<Bind> binds, Hardening h) {
        List<MountOp> ops = new ArrayList<>();
        List<MountOp> post = new ArrayList<>();
        String r = rootfs.toString();
        h.sysctls().forEach((file, value) -> post.add(new MountOp.Write(file, value)));
        h.masked().forEach(p -> post.add(new MountOp.Mask(p)));
        h.readonly().forEach(p -> post.add(new MountOp.ReadOnly(p)));
        ops.add(new MountOp.MakePrivate());
        ops.add(new MountOp.Mount("proc", r + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, null));
        ops.add(new MountOp.Mount("sysfs", r + "/sys", "sysfs", (h.writableSysfs() ? 0 : MS_RDONLY) | MS_NOSUID | MS_NODEV | MS_NOEXEC, null));
        ops.add(new MountOp.Mount("tmpfs", r + "/dev", "tmpfs", MS_NOSUID, "mode=755,size=65536k"));
        for (String[] d : DEVICES) {
            ops.add(new MountOp.CharDevice(r + "/dev/" + d[0], 0666, Integer.parseInt(d[1]), Integer.parseInt(d[2])));
        }
        ops.addAll(hostDeviceOps(r, h.hostDevices()));
        ops.add(new MountOp.Mkdir(r + "/dev/pts", 0755));
        ops.add(new MountOp.Mount("devpts", r + "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620"));
        ops.add(new MountOp.Symlink("pts/ptmx", r + "/dev/ptmx"));
        ops.add(new MountOp.Mkdir(r + "/dev/shm", 01777));
        ops.add(new MountOp.Mount(podShm.toString(), r + "/dev/shm", null, MS_BIND, null));
        ops.add(new MountOp.Mkdir(r + "/dev/mqueue", 0755));
        ops.add(new MountOp.Symlink("/proc/self/fd", r + "/dev/fd"));
        ops.add(new MountOp.Symlink("/proc/self/fd/0", r + "/dev/stdin"));
        ops.add(new MountOp.Symlink("/proc/self/fd/1", r + "/dev/stdout"));
        ops.add(new MountOp.Symlink("/proc/self/fd/2", r + "/dev/stderr"));
        for (Bind b : binds) {
            if (b.fileInDev()) {
                List<MountOp> dirs = new ArrayList<>();
                for (Path dir = b.target().getParent(); !dir.equals(rootfs.resolve("dev")); dir = dir.getParent()) {
                    dirs.add(0, new MountOp.Mkdir(dir.toString(), 0755));
                }
                ops.addAll(dirs);
                ops.add(new MountOp.EmptyFile(b.target().toString(), 0644));
            }
            ops.add(new MountOp.Mount(b.source().toString(), b.target().toString(), null, MS_BIND | MS_REC, null));
            if (b.readOnly()) {
                post.add(new MountOp.Mount(null, b.containerPath(), null, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, null));
            }
        }
        if (h.readOnlyRoot()) {
            // the root mount only: /proc, /dev, volumes keep their own flags
            post.add(new MountOp.Mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY, null));
        }
        return new MountPlan(List.copyOf(ops), List.copyOf(post));
    }

    /**
     * Adds the container's read-only view of its own cgroups at /sys/fs/cgroup, as containerd
     * gives it: on v1 a tmpfs with one directory per controller, each a bind of the container's
     * cgroup in that hierarchy; on v2 (one entry named "") a bind of the container's cgroup itself.
     * Apps read their limits there (memory.limit_in_bytes, cpu.max...).
     *
     * @param dirs controller name (or "" for v2) -> the container's cgroup directory on the host
     */
    public MountPlan withCgroupView(Path rootfs, java.util.Map<String, Path> dirs) {
        if (dirs.isEmpty()) {
            return this;
        }
        List<MountOp> ops = new ArrayList<>(this.ops);
        List<MountOp> post = new ArrayList<>(this.postOps);
        String base = rootfs + "/sys/fs/cgroup";
        long roFlags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
        if (dirs.containsKey("")) {
            ops.add(new MountOp.Mount(dirs.get("").toString(), base, null, MS_BIND, null));
            post.add(new MountOp.Mount(null, "/sys/fs/cgroup", null, roFlags, null));
            return new MountPlan(List.copyOf(ops), List.copyOf(post));
        }
        ops.add(new MountOp.Mount("tmpfs", base, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755,size=64k"));
        dirs.forEach((controller, dir) -> {
            ops.add(new MountOp.Mkdir(base + "/" + controller, 0555));
            ops.add(new MountOp.Mount(dir.toString(), base + "/" + controller, null, MS_BIND, null));
            post.add(new MountOp.Mount(null, "/sys/fs/cgroup/" + controller, null, roFlags, null));
        });
        post.add(new MountOp.Mount(null, "/sys/fs/cgroup", null, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                "mode=755,size=64k"));
        return new MountPlan(List.copyOf(ops), List.copyOf(post));
    }

    /** mknod of each host device (with its parent directories) in the container's fresh /dev. */
    private static List<MountOp> hostDeviceOps(String r, List<HostDevice> devices) {
        List<MountOp> ops = new ArrayList<>();
        java.util.Set<String> dirs = new java.util.HashSet<>();
        for (HostDevice d : devices) {
            if (OWN_DEVICES.contains(d.path())) {
                continue;
            }
            String parent = d.path().substring(0, d.path().lastIndexOf('/'));
            List<MountOp> parents = new ArrayList<>();
            for (String dir = parent; !dir.equals("/dev") && dirs.add(dir); dir = dir.substring(0, dir.lastIndexOf('/'))) {
                parents.add(0, new MountOp.Mkdir(r + dir, 0755));
            }
            ops.addAll(parents);
            ops.add(new MountOp.DeviceNode(r + d.path(), d.block(), d.mode(), d.major(), d.minor()));
        }
        return ops;
    }
}
