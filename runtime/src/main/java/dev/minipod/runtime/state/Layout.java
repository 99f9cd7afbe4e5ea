package dev.minipod.runtime.state;

import java.nio.file.Path;

/**
 * Where everything lives on disk (design.md section 4). The three roots are configurable so tests
 * run under private temp dirs and never collide.
 */
public record Layout(Path root, Path runRoot, Path logRoot) {

    public static Layout defaults() {
        return new Layout(Path.of("/var/lib/minipod"), Path.of("/run/minipod"), Path.of("/var/log/minipod"));
    }

    public Path socket() { return runRoot.resolve("minipod.sock"); }

    public Path images() { return root.resolve("images"); }

    /** Persistent per-pod dir: pod.json, writable layers, emptyDir volumes. */
    public Path podDir(String uid) { return root.resolve("pods").resolve(uid); }

    public Path podsDir() { return root.resolve("pods"); }

    public Path podFile(String uid) { return podDir(uid).resolve("pod.json"); }

    public Path emptyDir(String uid, String volume) {
        return podDir(uid).resolve("volumes").resolve("kubernetes.io~empty-dir").resolve(volume);
    }

    /** Writable layer of one container instance (attempt = restart count when it started). */
    public Path instanceDir(String uid, String container, int attempt) {
        return podDir(uid).resolve("containers").resolve(container).resolve(Integer.toString(attempt));
    }

    /** Volatile per-pod dir: namespace pins, /dev/shm, etc files, rootfs mount points, exit files. */
    public Path podRunDir(String uid) { return runRoot.resolve("pods").resolve(uid); }

    public Path runtimeFile(String uid) { return podRunDir(uid).resolve("runtime.json"); }

    public Path nsPin(String uid, String type) { return podRunDir(uid).resolve("ns").resolve(type); }

    public Path shm(String uid) { return podRunDir(uid).resolve("shm"); }

    public Path etcFile(String uid, String name) { return podRunDir(uid).resolve("etc").resolve(name); }

    public Path instanceRunDir(String uid, String container, int attempt) {
        return podRunDir(uid).resolve("containers").resolve(container).resolve(Integer.toString(attempt));
    }

    public Path rootfs(String uid, String container, int attempt) {
        return instanceRunDir(uid, container, attempt).resolve("rootfs");
    }

    public Path exitFile(String uid, String container, int attempt) {
        return instanceRunDir(uid, container, attempt).resolve("exit");
    }

    /** The host file bind-mounted at the container's terminationMessagePath (0666, like the kubelet's). */
    public Path terminationLog(String uid, String container, int attempt) {
        return instanceRunDir(uid, container, attempt).resolve("termination-log");
    }

    public Path podLogDir(String namespace, String name, String uid) {
        return logRoot.resolve("pods").resolve(namespace + "_" + name + "_" + uid);
    }

    public Path logFile(String namespace, String name, String uid, String container, int restartCount) {
        return podLogDir(namespace, name, uid).resolve(container).resolve(restartCount + ".log");
    }

    /** API objects other than pods (ConfigMaps, claims, volumes, classes, presets), one JSON file each. */
    public Path objectsDir() { return root.resolve("objects"); }

    /** The tmpfs holding Secrets (values never reach the persistent root). */
    public Path secretsDir() { return runRoot.resolve("secrets"); }

    /** Directories the built-in local-path class provisions, one per claim. */
    public Path localPathDir() { return root.resolve("local-path"); }
}
