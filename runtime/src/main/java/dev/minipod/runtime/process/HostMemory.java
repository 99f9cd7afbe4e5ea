package dev.minipod.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The node's memory capacity (MemTotal, as cAdvisor reports it to the kubelet). */
public final class HostMemory {
    private static volatile long capacity;

    private HostMemory() {}

    public static long capacityBytes() {
        long c = capacity;
        if (c == 0) {
            try {
                c = memTotal(Files.readString(Path.of("/proc/meminfo")));
            } catch (IOException e) {
                throw new UncheckedIOException("read /proc/meminfo", e);
            }
            capacity = c;
        }
        return c;
    }

    static long memTotal(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no MemTotal in /proc/meminfo");
    }
}
