package dev.minipod.runtime.security;

/**
 * fsGroup's effect on a volume's files (kubelet volume.SetVolumeOwnership): the group becomes
 * fsGroup, files gain group read-write (read-only volumes: group read), directories also group
 * execute and the setgid bit so new files inherit the group. Pure mode arithmetic; the walk is
 * rootfs.VolumeOwnership's.
 */
public final class FsGroup {
    private FsGroup() {}

    static final int SETGID = 02000;

    /** kubelet makes every emptyDir 0777 (its umask-free MkdirAll). */
    public static final int EMPTY_DIR_MODE = 0777;

    public static int mode(int mode, boolean directory, boolean readOnly) {
        int rw = readOnly ? 0440 : 0660;
        return directory ? mode | rw | 0110 | SETGID : mode | rw;
    }
}
