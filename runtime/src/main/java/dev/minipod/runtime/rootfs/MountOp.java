package dev.minipod.runtime.rootfs;

/**
 * One step of a container's mount plan, run by the monitor's child in the container's fresh
 * mount namespace (docs/internals.md, `op` values). Rendered to the monitor's tab format.
 */
public sealed interface MountOp {
    String render();

    record Mount(String source, String target, String fstype, long flags, String data) implements MountOp {
        public String render() {
            return String.join("\t", "mount", dash(source), target, dash(fstype), Long.toString(flags), dash(data));
        }
    }

    record Mkdir(String path, int mode) implements MountOp {
        public String render() { return "mkdir\t" + path + "\t" + Integer.toOctalString(mode); }
    }

    /** A character device; mode holds the permission bits only (the C side adds S_IFCHR). */
    record CharDevice(String path, int mode, int major, int minor) implements MountOp {
        public String render() {
            return "mknod\t" + path + "\t" + Integer.toOctalString(0020000 | mode) + "\t" + major + "\t" + minor;
        }
    }

    /** A host device node recreated in a privileged container's /dev (runc's HostDevices). */
    record DeviceNode(String path, boolean block, int mode, int major, int minor) implements MountOp {
        public String render() {
            return "mknod\t" + path + "\t" + Integer.toOctalString((block ? 0060000 : 0020000) | (mode & 07777)) + "\t" + major + "\t" + minor;
        }
    }

    /** A regular file (a bind target inside a fresh tmpfs such as /dev), made with mknod(S_IFREG). */
    record EmptyFile(String path, int mode) implements MountOp {
        public String render() { return "mknod\t" + path + "\t" + Integer.toOctalString(0100000 | mode) + "\t0\t0"; }
    }

    record Symlink(String target, String linkPath) implements MountOp {
        public String render() { return "symlink\t" + target + "\t" + linkPath; }
    }

    /** Hides a path: /dev/null over a file, an empty read-only tmpfs over a directory; absent: nothing. */
    record Mask(String path) implements MountOp {
        public String render() { return "mask\t" + path; }
    }

    /** Binds a path onto itself read-only; absent: nothing. */
    record ReadOnly(String path) implements MountOp {
        public String render() { return "readonly\t" + path; }
    }

    /** Writes text to an existing file (a sysctl under /proc/sys). */
    record Write(String path, String text) implements MountOp {
        public Write {
            if (text.indexOf('\t') >= 0) {
                throw new IllegalArgumentException("text for `" + path + "` contains a tab");
            }
        }

        public String render() { return "write\t" + path + "\t" + text; }
    }

    record MakePrivate() implements MountOp {
        public String render() { return "makeprivate"; }
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
