/* libminipod-shim.so: the only native library the JVM loads (jnr-ffi).
 * Every function returns >= 0 on success and -errno on failure.
 * Contract: docs/internals.md, section "Native shims". */
#ifndef MINIPOD_SHIM_H
#define MINIPOD_SHIM_H

#include <stdint.h>

/* The .so is built with -fvisibility=hidden; only these are exported. */
#define SHIM_API __attribute__((visibility("default")))

SHIM_API int shim_spawn(const char *path, char *const argv[], char *const envp[], const int32_t fds[4],
	       int32_t clone_flags, const char *hostname, int32_t out[2],
	       char *err, int32_t errlen);
SHIM_API int shim_pidfd_open(int32_t pid);
SHIM_API int shim_pidfd_send_signal(int32_t pidfd, int32_t sig);
SHIM_API int shim_wait_pidfd(int32_t pidfd, int32_t nohang, int32_t out[3]);
SHIM_API int shim_poll(const int32_t *fds, int32_t n, int32_t timeout_ms, int32_t *revents);
SHIM_API int shim_mount(const char *src, const char *target, const char *fstype, int64_t flags, const char *data);
SHIM_API int shim_umount2(const char *target, int32_t flags);
SHIM_API int shim_mknod(const char *path, int32_t mode, int32_t major, int32_t minor);
SHIM_API int shim_lsetxattr(const char *path, const char *name, const char *value, int32_t len);
SHIM_API int shim_mount_overlay(const char *target, char *const lowers[], const char *upper, const char *work);
SHIM_API int shim_memfd(const char *name);
SHIM_API int shim_pipe(int32_t out[2]);
SHIM_API int shim_read(int32_t fd, uint8_t *buf, int32_t len);
SHIM_API int shim_write(int32_t fd, const uint8_t *buf, int32_t len);
SHIM_API int shim_close(int32_t fd);
/* Loads the eBPF device program (n 8-byte instructions) and attaches it to the cgroup2 directory
 * (BPF_F_ALLOW_MULTI); on a failed load, log holds the verifier's message. */
SHIM_API int shim_bpf_attach_device_program(const char *cgroup_dir, const uint64_t *insns, int32_t n,
					    char *log, int32_t loglen);
SHIM_API const char *shim_errname(int32_t errnum);
SHIM_API const char *shim_strerror(int32_t errnum);

#endif
