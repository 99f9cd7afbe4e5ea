package dev.minipod.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fake for {@link LayerFs}: records every call, and for a whiteout leaves an empty regular
 * file as a marker where the real implementation would mknod a 0/0 character device.
 */
final class RecordingLayerFs implements LayerFs {
    record Call(String kind, Path path) {
    }

    private final List<Call> calls = new ArrayList<>();

    @Override
    public synchronized void whiteout(Path path) throws IOException {
        calls.add(new Call("whiteout", path));
        Files.createFile(path);
    }

    @Override
    public synchronized void opaque(Path dir) {
        calls.add(new Call("opaque", dir));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * The calls as "kind relative/path", relative to the directory being unpacked: {@code base}
     * if given, else the {@code .partial-*} directory the image store unpacks into.
     */
    synchronized List<String> describe(Path base) {
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            out.add(c.kind() + " " + relative(base, c.path()));
        }
        return out;
    }

    private static String relative(Path base, Path p) {
        if (base != null) {
            return base.relativize(p).toString();
        }
        for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().startsWith(".partial-")) {
                return dir.relativize(p).toString();
            }
        }
        return p.toString();
    }
}
