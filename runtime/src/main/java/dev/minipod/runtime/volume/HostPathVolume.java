package dev.minipod.runtime.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A {@code hostPath} volume: the host path itself, checked against its {@code type} before use as
 * the kubelet's hostPath plugin does (the path is followed if it is a symlink). DirectoryOrCreate
 * and FileOrCreate create what is missing (0755 / 0644); "" checks nothing, and like containerd a
 * missing path is then created as a directory. A failed check keeps the pod from starting with
 * {@code hostPath type check failed: PATH is not a directory} (FailedMount).
 */
final class HostPathVolume {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;

    private HostPathVolume() {}

    static Path setUp(VolumePlan.HostPath v) {
        Path p = Path.of(v.path());
        try {
            switch (v.type()) {
                case "DirectoryOrCreate" -> {
                    if (!Files.exists(p)) {
                        Files.createDirectories(p);
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    require(Files.isDirectory(p), p, "is not a directory");
                }
                case "Directory" -> require(Files.isDirectory(p), p, "is not a directory");
                case "FileOrCreate" -> {
                    if (!Files.exists(p)) {
                        Files.createDirectories(p.getParent());
                        Files.createFile(p);
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                    require(Files.isRegularFile(p), p, "is not a file");
                }
                case "File" -> require(Files.isRegularFile(p), p, "is not a file");
                case "Socket" -> require(kind(p) == S_IFSOCK, p, "is not a socket file");
                case "CharDevice" -> require(kind(p) == S_IFCHR, p, "is not a character device");
                case "BlockDevice" -> require(kind(p) == S_IFBLK, p, "is not a block device");
                default -> {
                    if (!Files.exists(p)) Files.createDirectories(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("prepare hostPath `" + p + "`", e);
        }
        return p;
    }

    private static int kind(Path p) throws IOException {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode")) & S_IFMT;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static void require(boolean ok, Path p, String what) {
        if (!ok) throw Payloads.failure("hostPath type check failed: " + p + " " + what);
    }
}
