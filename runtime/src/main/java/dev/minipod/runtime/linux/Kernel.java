package dev.minipod.runtime.linux;

import java.nio.file.Path;
import java.util.List;

/**
 * Java-shaped facade over every kernel call the daemon makes. Adapters take a Kernel so tests
 * can record the call sequence; {@link LinuxKernel} is the real one. Failures throw
 * {@link SyscallException} naming the call and the object.
 */
public interface Kernel {
    int CLONE_NEWNS = 0x00020000;
    int CLONE_NEWCGROUP = 0x02000000;
    int CLONE_NEWUTS = 0x04000000;
    int CLONE_NEWIPC = 0x08000000;
    int CLONE_NEWPID = 0x20000000;
    int CLONE_NEWNET = 0x40000000;

    long MS_RDONLY = 1;
    long MS_NOSUID = 2;
    long MS_NODEV = 4;
    long MS_NOEXEC = 8;
    long MS_REMOUNT = 32;
    long MS_BIND = 4096;
    long MS_REC = 16384;
    long MS_PRIVATE = 1 << 18;
    int MNT_DETACH = 2;

    int SIGKILL = 9;
    int SIGTERM = 15;

    /** A started child: its pid and a pidfd that stays valid (and race-free) until closed. */
    record Child(int pid, int pidfd) {}

    /** How a process ended, from waitid: exitCode is 128+signal when killed. */
    record Exit(int exitCode, int signal) {}

    /**
     * Starts {@code path} vfork-style. fds are the child's 0..3 (-1: /dev/null for 0..2, none for 3).
     * cloneFlags may hold CLONE_NEW* bits (then the child is PID 1 of a new pid ns, etc.).
     */
    Child spawn(Path path, List<String> argv, List<String> env, int[] fds, int cloneFlags, String hostname);

    int pidfdOpen(int pid);

    /** @return false when the process is already gone (ESRCH) */
    boolean signal(int pidfd, int sig);

    /** Reaps our child; null if still running (nohang) or if it is not our child (ECHILD). */
    Exit waitExit(int pidfd, boolean nohang);

    /** Polls fds for readability; returns a revents-style array (non-zero = ready). */
    int[] poll(int[] fds, int timeoutMs);

    void mount(String source, Path target, String fstype, long flags, String data);

    void umount(Path target, int flags);

    void mknod(Path path, int mode, int major, int minor);

    void lsetxattr(Path path, String name, byte[] value);

    /** lowers: top first. */
    void mountOverlay(Path target, List<Path> lowers, Path upper, Path work);

    /** A memfd holding exactly these bytes, offset rewound. */
    int memfd(String name, byte[] content);

    /** int[]{read end, write end}, both O_CLOEXEC. */
    int[] pipe();

    /** @return bytes read, 0 on EOF */
    int read(int fd, byte[] buf);

    void write(int fd, byte[] buf);

    void close(int fd);

    /**
     * Loads a BPF_PROG_TYPE_CGROUP_DEVICE program (8-byte eBPF instructions) and attaches it to the
     * cgroup2 directory; the kernel keeps it until the cgroup is removed.
     */
    void attachDeviceProgram(Path cgroupDir, long[] insns);

    /**
     * Moves the calling THREAD (not the process) into the namespace pinned at {@code nsFile}
     * (e.g. /run/minipod/pods/UID/ns/net). nstype: a CLONE_NEW* constant, or 0 for any.
     */
    void setnsPath(Path nsFile, int nstype);

    /** An O_CLOEXEC fd on the calling thread's network namespace (/proc/thread-self/ns/net). */
    int openThreadNetns();

    /** Moves the calling THREAD into the namespace behind {@code nsFd}. */
    void setnsFd(int nsFd, int nstype);
}
