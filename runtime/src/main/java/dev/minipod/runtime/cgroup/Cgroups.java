package dev.minipod.runtime.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.minipod.runtime.linux.Kernel;

/**
 * Pod and container cgroups on cgroup v1, in the kubelet's shape: {@code <parent>/pod<uid>/<container>}
 * under each controller minipod places processes in. Limits arrive with the resources issue; here
 * cgroups give every container a boundary to find and kill its stray processes, and teardown
 * removes them all, also after a daemon crash.
 */
public final class Cgroups {
    static final List<String> CONTROLLERS = List.of("cpu", "cpuacct", "memory", "pids");

    private final Kernel kernel;
    private final Path mountRoot;
    private final String parent;
    private final List<String> controllers;

    public Cgroups(Kernel kernel, Path mountRoot, String parent) {
        this.kernel = kernel;
        this.mountRoot = mountRoot;
        this.parent = parent;
        this.controllers = CONTROLLERS.stream()
                .filter(c -> Files.isRegularFile(mountRoot.resolve(c).resolve("cgroup.procs")))
                .toList();
    }

    /** Controllers found mounted as separate v1 hierarchies (empty on a pure v2 host: nothing is placed). */
    public List<String> controllers() { return controllers; }

    private Path dir(String controller, String podUid, String container) {
        Path p = mountRoot.resolve(controller).resolve(parent).resolve("pod" + podUid);
        return container == null ? p : p.resolve(container);
    }

    /** Creates the container's cgroups; returns the cgroup.procs files its process joins. */
    public List<Path> createContainer(String podUid, String container) {
        List<Path> procs = new ArrayList<>();
        for (String c : controllers) {
            Path d = dir(c, podUid, container);
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException("create cgroup `" + d + "`", e);
            }
            procs.add(d.resolve("cgroup.procs"));
        }
        return procs;
    }

    /** The cgroup.procs files of an existing container cgroup (exec'd processes join them). */
    public List<Path> procsFiles(String podUid, String container) {
        return controllers.stream().map(c -> dir(c, podUid, container).resolve("cgroup.procs")).filter(Files::exists).toList();
    }

    /** Moves a process (pause) into the pod-level cgroups. */
    public void joinPod(String podUid, int pid) {
        for (String c : controllers) {
            Path d = dir(c, podUid, null);
            try {
                Files.createDirectories(d);
                Files.writeString(d.resolve("cgroup.procs"), Integer.toString(pid));
            } catch (IOException e) {
                throw new UncheckedIOException("join cgroup `" + d + "`", e);
            }
        }
    }

    /** Kills what is left in a container's cgroups (a stray child of an exited container) and removes them. */
    public void removeContainer(String podUid, String container) {
        for (String c : controllers) {
            removeTree(dir(c, podUid, container));
        }
    }

    /** Removes the pod's cgroups and everything under them, then the parent if no pod is left. */
    public void removePod(String podUid) {
        for (String c : controllers) {
            removeTree(dir(c, podUid, null));
            rmdirQuietly(mountRoot.resolve(c).resolve(parent));
        }
    }

    /** Pod uids that have cgroups (for cleaning up after a crash). */
    public Set<String> podUids() {
        Set<String> uids = new java.util.TreeSet<>();
        for (String c : controllers) {
            Path p = mountRoot.resolve(c).resolve(parent);
            if (!Files.isDirectory(p)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "pod*")) {
                ds.forEach(d -> uids.add(d.getFileName().toString().substring(3)));
            } catch (IOException e) {
                throw new UncheckedIOException("list `" + p + "`", e);
            }
        }
        return uids;
    }

    private void removeTree(Path d) {
        if (!Files.isDirectory(d)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(d, Files::isDirectory)) {
            for (Path child : children) {
                removeTree(child);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("list cgroup `" + d + "`", e);
        }
        for (int round = 0; round < 50; round++) {
            List<Integer> pids = procs(d);
            if (pids.isEmpty() && rmdir(d)) {
                return;
            }
            pids.forEach(this::kill);
            sleep(20);
        }
        throw new IllegalStateException("remove cgroup `" + d + "`: processes " + procs(d) + " do not die");
    }

    private void kill(int pid) {
        try {
            int fd = kernel.pidfdOpen(pid);
            try {
                kernel.signal(fd, Kernel.SIGKILL);
            } finally {
                kernel.close(fd);
            }
        } catch (RuntimeException gone) {
            // exited meanwhile
        }
    }

    private static List<Integer> procs(Path d) {
        try {
            return Files.readAllLines(d.resolve("cgroup.procs")).stream().filter(s -> !s.isBlank()).map(Integer::parseInt).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("read `" + d + "/cgroup.procs`", e);
        }
    }

    private static boolean rmdir(Path d) {
        try {
            Files.deleteIfExists(d);
            return true;
        } catch (IOException e) {
            return false; // EBUSY while a process is still in it
        }
    }

    private static void rmdirQuietly(Path d) {
        rmdir(d);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
