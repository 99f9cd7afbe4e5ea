package dev.minipod.runtime.linux;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/**
 * C-shaped binding of native-shims/libminipod-shim.so (see docs/internals.md). Every call returns
 * {@code >= 0} on success and {@code -errno} on failure. Only {@link LinuxKernel} uses it.
 */
public interface LibShim {
    int shim_spawn(String path, @In String[] argv, @In String[] envp, @In int[] fds, int cloneFlags,
                   String hostname, @Out int[] out, @Out byte[] err, int errlen);

    int shim_pidfd_open(int pid);

    int shim_pidfd_send_signal(int pidfd, int sig);

    int shim_wait_pidfd(int pidfd, int nohang, @Out int[] out);

    int shim_poll(@In int[] fds, int n, int timeoutMs, @Out int[] revents);

    int shim_mount(String src, String target, String fstype, long flags, String data);

    int shim_umount2(String target, int flags);

    int shim_mknod(String path, int mode, int major, int minor);

    int shim_lsetxattr(String path, String name, @In byte[] value, int len);

    int shim_mount_overlay(String target, @In String[] lowers, String upper, String work);

    int shim_memfd(String name);

    int shim_pipe(@Out int[] out);

    int shim_read(int fd, @Out byte[] buf, int len);

    int shim_write(int fd, @In byte[] buf, int len);

    int shim_close(int fd);

    int shim_setns_path(String path, int nstype);

    int shim_open_thread_netns();

    int shim_setns_fd(int fd, int nstype);

    int shim_bpf_attach_device_program(String cgroupDir, @In long[] insns, int n, @Out byte[] log, int loglen);

    String shim_errname(int errnum);

    String shim_strerror(int errnum);
}
