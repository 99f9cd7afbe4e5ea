package dev.minipod.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cgroupfs stand-in in a temp dir: the kernel's control files are plain files the test seeds,
 * and "rmdir" deletes them with the directory. Kills are only recorded.
 */
final class FakeCgroupFs implements CgroupHost {
    final List<Integer> killed = new ArrayList<>();
    private final boolean v2;

    FakeCgroupFs(boolean v2) {
        this.v2 = v2;
    }

    /** What the kernel puts in a new cgroup: v2 per controller delegated by the parent, v1 per hierarchy. */
    @Override
    public void created(Path dir) {
        write(dir.resolve("cgroup.procs"), "");
        if (v2) {
            String delegated = read(dir.getParent().resolve("cgroup.subtree_control")).replace("+", "");
            write(dir.resolve("cgroup.controllers"), delegated);
            write(dir.resolve("cgroup.subtree_control"), "");
            if (delegated.contains("cpu")) {
                write(dir.resolve("cpu.weight"), "100");
                write(dir.resolve("cpu.max"), "max 100000");
                write(dir.resolve("cpu.stat"), "usage_usec 0\nuser_usec 0\n");
            }
            if (delegated.contains("memory")) {
                for (String f : List.of("memory.max", "memory.swap.max")) {
                    write(dir.resolve(f), "max");
                }
                write(dir.resolve("memory.current"), "0");
                write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n");
                write(dir.resolve("memory.stat"), "anon 0\nfile 0\ninactive_file 0\n");
            }
            if (delegated.contains("pids")) {
                write(dir.resolve("pids.max"), "max");
            }
            return;
        }
        for (Path p = dir; p.getParent() != null; p = p.getParent()) {
            if (Files.exists(p.getParent().resolve("cgroup.sane_behavior"))) {
                String hierarchy = p.getParent().getFileName().toString();
                if (hierarchy.equals("memory")) {
                    write(dir.resolve("memory.limit_in_bytes"), "9223372036854771712");
                    write(dir.resolve("memory.memsw.limit_in_bytes"), "9223372036854771712");
                    write(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
                }
                if (hierarchy.equals("cpuset")) {
                    write(dir.resolve("cpuset.cpus"), "");
                    write(dir.resolve("cpuset.mems"), "");
                }
                return;
            }
        }
    }

    @Override
    public void kill(int pid) {
        killed.add(pid);
    }

    @Override
    public boolean rmdir(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isDirectory(f)) {
                    return false;
                }
                if (f.getFileName().toString().equals("cgroup.procs") && !Files.readString(f).isBlank()) {
                    return false;
                }
                Files.delete(f);
            }
            Files.delete(dir);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path f, String content) {
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(f, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path f) {
        try {
            return Files.exists(f) ? Files.readString(f).trim() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
