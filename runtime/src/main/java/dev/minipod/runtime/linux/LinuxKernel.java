package dev.minipod.runtime.linux;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jnr.ffi.LibraryLoader;

/** The real {@link Kernel}: every call goes through libminipod-shim.so. */
public final class LinuxKernel implements Kernel {
    private final LibShim shim;

    private LinuxKernel(LibShim shim) {
        this.shim = shim;
    }

    /** Loads libminipod-shim.so from the libexec directory (the native-shims build output). */
    public static LinuxKernel load(Path libexec) {
        Path lib = libexec.resolve("libminipod-shim.so");
        if (!Files.isRegularFile(lib)) {
            throw new IllegalStateException("native shim library not found at `" + lib + "`: run `make build`");
        }
        LibShim shim = LibraryLoader.create(LibShim.class).load(lib.toString());
        return new LinuxKernel(shim);
    }

    private SyscallException fail(String stage, int rc) {
        int errno = -rc;
        return new SyscallException(stage, errno, shim.shim_errname(errno), shim.shim_strerror(errno));
    }

    private int check(String stage, int rc) {
        if (rc < 0) {
            throw fail(stage, rc);
        }
        return rc;
    }

    @Override
    public Child spawn(Path path, List<String> argv, List<String> env, int[] fds, int cloneFlags, String hostname) {
        int[] out = new int[2];
        byte[] err = new byte[512];
        int rc = shim.shim_spawn(path.toString(), argv.toArray(String[]::new), env.toArray(String[]::new),
                fds, cloneFlags, hostname, out, err, err.length);
        if (rc < 0) {
            String msg = cString(err);
            throw msg.isEmpty() ? fail("spawn `" + path + "`", rc) : new SyscallException(-rc, msg);
        }
        return new Child(out[0], out[1]);
    }

    @Override
    public int pidfdOpen(int pid) {
        return check("pidfd_open " + pid, shim.shim_pidfd_open(pid));
    }

    @Override
    public boolean signal(int pidfd, int sig) {
        int rc = shim.shim_pidfd_send_signal(pidfd, sig);
        if (rc == -Errno.ESRCH) {
            return false;
        }
        check("pidfd_send_signal " + sig, rc);
        return true;
    }

    @Override
    public Exit waitExit(int pidfd, boolean nohang) {
        int[] out = new int[3];
        int rc;
        do {
            rc = shim.shim_wait_pidfd(pidfd, nohang ? 1 : 0, out);
        } while (rc == -Errno.EINTR);
        if (rc == -Errno.ECHILD) {
            return null;
        }
        check("waitid pidfd", rc);
        if (out[0] == 0) {
            return null;
        }
        boolean exited = out[1] == 1;
        return exited ? new Exit(out[2], 0) : new Exit(128 + out[2], out[2]);
    }

    @Override
    public int[] poll(int[] fds, int timeoutMs) {
        int[] revents = new int[fds.length];
        int rc = shim.shim_poll(fds, fds.length, timeoutMs, revents);
        if (rc == -Errno.EINTR) {
            return new int[fds.length];
        }
        check("poll", rc);
        return revents;
    }

    @Override
    public void mount(String source, Path target, String fstype, long flags, String data) {
        check("mount " + (fstype == null ? source : fstype) + " on `" + target + "`",
                shim.shim_mount(source, target.toString(), fstype, flags, data));
    }

    @Override
    public void umount(Path target, int flags) {
        check("umount `" + target + "`", shim.shim_umount2(target.toString(), flags));
    }

    @Override
    public void mknod(Path path, int mode, int major, int minor) {
        check("mknod `" + path + "`", shim.shim_mknod(path.toString(), mode, major, minor));
    }

    @Override
    public void lsetxattr(Path path, String name, byte[] value) {
        check("lsetxattr " + name + " on `" + path + "`", shim.shim_lsetxattr(path.toString(), name, value, value.length));
    }

    @Override
    public void mountOverlay(Path target, List<Path> lowers, Path upper, Path work) {
        String[] l = lowers.stream().map(Path::toString).toArray(String[]::new);
        check("mount overlay on `" + target + "`", shim.shim_mount_overlay(target.toString(), l, upper.toString(), work.toString()));
    }

    @Override
    public int memfd(String name, byte[] content) {
        int fd = check("memfd_create " + name, shim.shim_memfd(name));
        try {
            write(fd, content);
        } catch (RuntimeException e) {
            shim.shim_close(fd);
            throw e;
        }
        return fd;
    }

    @Override
    public int[] pipe() {
        int[] out = new int[2];
        check("pipe2", shim.shim_pipe(out));
        return out;
    }

    @Override
    public int read(int fd, byte[] buf) {
        int rc;
        do {
            rc = shim.shim_read(fd, buf, buf.length);
        } while (rc == -Errno.EINTR);
        return check("read fd " + fd, rc);
    }

    @Override
    public void write(int fd, byte[] buf) {
        int n = check("write fd " + fd, shim.shim_write(fd, buf, buf.length));
        if (n != buf.length) {
            throw new SyscallException(0, "write fd " + fd + ": short write of " + n + " of " + buf.length + " bytes");
        }
    }

    @Override
    public void attachDeviceProgram(Path cgroupDir, long[] insns) {
        byte[] log = new byte[4096];
        int rc = shim.shim_bpf_attach_device_program(cgroupDir.toString(), insns, insns.length, log, log.length);
        if (rc < 0) {
            String verifier = new String(log, java.nio.charset.StandardCharsets.UTF_8).replace("\0", "").trim().lines().findFirst().orElse("");
            SyscallException e = fail("bpf attach device program to `" + cgroupDir + "`", rc);
            throw verifier.isEmpty() ? e : new SyscallException(-rc, e.getMessage() + " (verifier: " + verifier + ")");
        }
    }

    @Override
    public void close(int fd) {
        if (fd >= 0) {
            shim.shim_close(fd);
        }
    }

    @Override
    public void setnsPath(Path nsFile, int nstype) {
        check("setns `" + nsFile + "`", shim.shim_setns_path(nsFile.toString(), nstype));
    }

    @Override
    public int openThreadNetns() {
        return check("open `/proc/thread-self/ns/net`", shim.shim_open_thread_netns());
    }

    @Override
    public void setnsFd(int nsFd, int nstype) {
        check("setns fd " + nsFd, shim.shim_setns_fd(nsFd, nstype));
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
