package dev.minipod.runtime.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.minipod.runtime.plan.NodeAllocatable;

/** Reads the node's capacity (CPUs, MemTotal) and derives what is allocatable to pods. */
public final class HostResources {
    private HostResources() {}

    public static NodeAllocatable allocatable() {
        return NodeAllocatable.fromCapacity(Runtime.getRuntime().availableProcessors(), memTotal(Path.of("/proc/meminfo")));
    }

    static long memTotal(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("read MemTotal from `" + meminfo + "`: " + e.getMessage(), e);
        }
        throw new IllegalStateException("no MemTotal in `" + meminfo + "`");
    }
}
