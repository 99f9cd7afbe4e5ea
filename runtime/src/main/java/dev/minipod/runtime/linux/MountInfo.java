package dev.minipod.runtime.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads /proc/self/mountinfo: which paths are mount points. */
public final class MountInfo {
    private MountInfo() {}

    public static List<Path> mountPoints() {
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4) {
                    out.add(Path.of(unescape(f[4])));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("read /proc/self/mountinfo", e);
        }
    }

    public static boolean isMountPoint(Path p) {
        return mountPoints().contains(p.toAbsolutePath().normalize());
    }

    /** Mount points at or below dir, deepest first (the order to unmount them in). */
    public static List<Path> under(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>(mountPoints().stream().filter(p -> p.startsWith(d)).distinct().toList());
        out.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
