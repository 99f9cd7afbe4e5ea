/* libminipod-shim.so. See shim.h and docs/internals.md. */
#include "shim.h"

#include "errmsg.h"
#include "sysx.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>

/* A function, not a macro: the argument is a syscall, evaluate it once. */
static int neg_errno(long rc)
{
	return rc < 0 ? -errno : (int)rc;
}

/* ---- spawn ------------------------------------------------------------ */

#define SPAWN_STACK (256 * 1024)

/* Shared between the JVM thread and the CLONE_VM child. */
struct spawn_ctx {
	const char *path;
	char *const *argv;
	char *const *envp;
	const int32_t *fds;
	int32_t clone_flags;
	const char *hostname;
	struct msg err;
	volatile int child_errno;
};

/* Child side: async-signal-safe only. Records the failure and exits. */
static int child_fail(struct spawn_ctx *c, int errnum, const char *stage, const char *obj)
{
	if (obj)
		msg_fail(&c->err, errnum, stage, " `", obj, "`", NULL);
	else
		msg_fail(&c->err, errnum, stage, NULL);
	c->child_errno = errnum ? errnum : EIO;
	_exit(127);
}

/* Move every source fd above 3 first, so dup2 into 0..3 cannot clobber a
 * source that happens to live in 0..3. */
static int setup_stdio(struct spawn_ctx *c)
{
	int high[4], devnull = -1;

	for (int i = 0; i < 4; i++) {
		high[i] = -1;
		if (c->fds[i] >= 0 && (high[i] = fcntl(c->fds[i], F_DUPFD, 4)) < 0)
			return -1;
		if (c->fds[i] < 0 && i < 3 && devnull < 0) {
			int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
			if (fd < 0 || (devnull = fcntl(fd, F_DUPFD, 4)) < 0)
				return -1;
		}
	}
	for (int i = 0; i < 4; i++) {
		int src = high[i] >= 0 ? high[i] : (i < 3 ? devnull : -1);
		if (src >= 0 && dup2(src, i) < 0)
			return -1;
		if (src < 0)
			close(i);
	}
	return sys_close_range(4, ~0U, 0) < 0 && errno != ENOSYS ? -1 : 0;
}

static int setup_loopback(void)
{
	struct ifreq ifr;
	int rc, fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, "lo", 3);
	rc = ioctl(fd, SIOCGIFFLAGS, &ifr);
	if (rc == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return rc;
}

static int spawn_child(void *arg)
{
	struct spawn_ctx *c = arg;

	/* Handlers first: a JVM handler must never run on the shared VM. */
	sys_reset_signal_handlers();
	sys_unblock_all_signals();
	if (setsid() < 0)
		child_fail(c, errno, "setsid", NULL);
	if (setup_stdio(c) < 0)
		child_fail(c, errno, "set up stdio", NULL);
	if ((c->clone_flags & CLONE_NEWUTS) && c->hostname &&
	    sethostname(c->hostname, strlen(c->hostname)) < 0)
		child_fail(c, errno, "sethostname", c->hostname);
	if ((c->clone_flags & CLONE_NEWNET) && setup_loopback() < 0)
		child_fail(c, errno, "bring up", "lo");
	execve(c->path, c->argv, c->envp);
	return child_fail(c, errno, "execve", c->path);
}

/* The child died before exec: reap exactly it (never waitpid(-1)). */
static void reap_failed_child(int pidfd)
{
	siginfo_t si;

	while (waitid(P_PIDFD, pidfd, &si, WEXITED) < 0 && errno == EINTR)
		;
	close(pidfd);
}

int shim_spawn(const char *path, char *const argv[], char *const envp[], const int32_t fds[4],
	       int32_t clone_flags, const char *hostname, int32_t out[2],
	       char *err, int32_t errlen)
{
	struct spawn_ctx c = {
		.path = path, .argv = argv, .envp = envp, .fds = fds,
		.clone_flags = clone_flags, .hostname = hostname,
	};
	uint64_t all = ~0ULL, old;
	int pidfd = -1;
	pid_t pid;
	char *stack;

	static const int32_t no_fds[4] = { -1, -1, -1, -1 };

	if (!fds)
		c.fds = no_fds;
	msg_init(&c.err, err, err && errlen > 0 ? (size_t)errlen : 0);
	stack = mmap(NULL, SPAWN_STACK, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED) {
		msg_fail(&c.err, errno, "allocate spawn stack", NULL);
		return -errno;
	}
	sys_sigmask(SIG_SETMASK, &all, &old);
	pid = clone(spawn_child, stack + SPAWN_STACK,
		    CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD | clone_flags,
		    &c, &pidfd);
	int clone_errno = errno;
	sys_sigmask(SIG_SETMASK, &old, NULL);
	munmap(stack, SPAWN_STACK);

	if (pid < 0) {
		msg_fail(&c.err, clone_errno, "clone", NULL);
		return -clone_errno;
	}
	if (c.child_errno) {
		reap_failed_child(pidfd);
		return -c.child_errno;
	}
	out[0] = pid;
	out[1] = pidfd;
	return 0;
}

/* ---- pidfds ----------------------------------------------------------- */

int shim_pidfd_open(int32_t pid)
{
	return neg_errno(sys_pidfd_open(pid));
}

int shim_pidfd_send_signal(int32_t pidfd, int32_t sig)
{
	return neg_errno(sys_pidfd_send_signal(pidfd, sig));
}

int shim_wait_pidfd(int32_t pidfd, int32_t nohang, int32_t out[3])
{
	siginfo_t si;
	int rc;

	memset(&si, 0, sizeof(si));
	do
		rc = waitid(P_PIDFD, pidfd, &si, WEXITED | (nohang ? WNOHANG : 0));
	while (rc < 0 && errno == EINTR);
	if (rc < 0)
		return -errno;
	out[0] = si.si_pid;
	out[1] = si.si_pid ? si.si_code : 0;
	out[2] = si.si_pid ? si.si_status : 0;
	return 0;
}

int shim_poll(const int32_t *fds, int32_t n, int32_t timeout_ms, int32_t *revents)
{
	struct pollfd *p;
	int rc;

	if (n < 0)
		return -EINVAL;
	p = calloc(n ? (size_t)n : 1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		p[i].fd = fds[i];
		p[i].events = POLLIN;
	}
	rc = neg_errno(poll(p, (nfds_t)n, timeout_ms));
	for (int i = 0; i < n; i++)
		revents[i] = rc >= 0 ? p[i].revents : 0;
	free(p);
	return rc;
}

/* ---- namespaces (probes) ---------------------------------------------- */

/* Declared here rather than in shim.h to keep the probe change to one file;
 * SHIM_API exports them all the same. setns(2) acts on the calling THREAD. */

SHIM_API int shim_setns_path(const char *path, int32_t nstype)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -errno;
	rc = neg_errno(setns(fd, nstype));
	close(fd);
	return rc;
}

SHIM_API int shim_open_thread_netns(void)
{
	return neg_errno(open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC));
}

SHIM_API int shim_setns_fd(int32_t fd, int32_t nstype)
{
	return neg_errno(setns(fd, nstype));
}

/* ---- files and mounts ------------------------------------------------- */

int shim_mount(const char *src, const char *target, const char *fstype, int64_t flags, const char *data)
{
	return neg_errno(mount(src, target, fstype, (unsigned long)flags, data));
}

int shim_umount2(const char *target, int32_t flags)
{
	return neg_errno(umount2(target, flags));
}

int shim_mknod(const char *path, int32_t mode, int32_t major, int32_t minor)
{
	return neg_errno(mknod(path, (mode_t)mode, makedev(major, minor)));
}

int shim_lsetxattr(const char *path, const char *name, const char *value, int32_t len)
{
	return neg_errno(lsetxattr(path, name, value, (size_t)len, 0));
}

int shim_memfd(const char *name)
{
	return neg_errno(memfd_create(name, MFD_CLOEXEC));
}

int shim_pipe(int32_t out[2])
{
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	out[0] = p[0];
	out[1] = p[1];
	return 0;
}

int shim_read(int32_t fd, uint8_t *buf, int32_t len)
{
	ssize_t n;

	if (len < 0)
		return -EINVAL;
	do
		n = read(fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : (int)n;
}

int shim_write(int32_t fd, const uint8_t *buf, int32_t len)
{
	ssize_t n;

	if (len < 0)
		return -EINVAL;
	do
		n = write(fd, buf, (size_t)len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : (int)n;
}

int shim_close(int32_t fd)
{
	return neg_errno(close(fd));
}

const char *shim_errname(int32_t errnum)
{
	return err_name(errnum);
}

const char *shim_strerror(int32_t errnum)
{
	return err_desc(errnum);
}
