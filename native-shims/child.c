#include "child.h"

#include "lookpath.h"
#include "security.h"
#include "sysx.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define FAIL(...) (msg_fail(m, errno, __VA_ARGS__, NULL), -1)

int open_ns_fds(const struct config *c, int *fds, struct msg *m)
{
	for (size_t i = 0; i < c->nns; i++) {
		fds[i] = open(c->ns[i].path, O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0) {
			int e = errno;
			while (i-- > 0)
				close(fds[i]);
			errno = e;
			return FAIL("open ", c->ns[i].type, " namespace `", c->ns[i].path, "`");
		}
	}
	return 0;
}

static int write_str(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Host paths: must happen before joining the container's mount ns. */
static int setup_cgroups(const struct config *c, struct msg *m)
{
	for (size_t i = 0; i < c->cgroups.n; i++) {
		const char *path = c->cgroups.v[i];
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write_str(fd, "0") < 0) {
			int e = errno;
			if (fd >= 0)
				close(fd);
			errno = e;
			return FAIL("join cgroup `", path, "`");
		}
		close(fd);
	}
	return 0;
}

/* The mount ns goes last: setns(mnt) changes root and cwd, so any path
 * based step after it would resolve inside the container. */
/* The kubelet's per-QoS score. Lowering it needs CAP_SYS_RESOURCE, which the
 * host may not grant (EACCES): the inherited score stays then; never fatal. */
static void setup_oom_score_adj(const struct config *c)
{
	int fd;

	if (!c->oom_score_adj)
		return;
	fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	(void)write_str(fd, c->oom_score_adj);
	close(fd);
}

static int setup_namespaces(const struct child_plan *p, struct msg *m)
{
	const struct config *c = p->cfg;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nns; i++) {
			int is_mnt = c->ns[i].nstype == CLONE_NEWNS;
			if (is_mnt != pass)
				continue;
			if (setns(p->ns_fds[i], c->ns[i].nstype) < 0)
				return FAIL("join ", c->ns[i].type, " namespace `", c->ns[i].path, "`");
		}
	}
	return 0;
}

static int setup_newns(const struct config *c, struct msg *m)
{
	if ((c->newns & CLONE_NEWNS) && unshare(CLONE_NEWNS) < 0)
		return FAIL("unshare mount namespace");
	if ((c->newns & CLONE_NEWCGROUP) && unshare(CLONE_NEWCGROUP) < 0)
		return FAIL("unshare cgroup namespace");
	return 0;
}

/* runc's maskPath: /dev/null over a file, an empty read-only tmpfs over a
 * directory (binding a file onto a directory fails with ENOTDIR); a path
 * this kernel does not have needs no mask. */
static int mask_path(const char *path, struct msg *m)
{
	if (mount("/dev/null", path, NULL, MS_BIND, NULL) == 0 || errno == ENOENT)
		return 0;
	if (errno == ENOTDIR && mount("tmpfs", path, "tmpfs", MS_RDONLY, "size=0") == 0)
		return 0;
	return FAIL("mask `", path, "`");
}

/* runc's readonlyPath: bind the path onto itself, then remount it read-only. */
static int readonly_path(const char *path, struct msg *m)
{
	if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0)
		return errno == ENOENT ? 0 : FAIL("bind `", path, "` for read-only");
	if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_REC, NULL) < 0)
		return FAIL("remount `", path, "` read-only");
	return 0;
}

static int write_str(int fd, const char *s);

/* A sysctl: /proc/sys/... inside the container's namespaces. */
static int write_file(const char *path, const char *text, struct msg *m)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0 || write_str(fd, text) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		return FAIL("write `", text, "` to `", path, "`");
	}
	close(fd);
	return 0;
}

static int run_op(const struct op *op, struct msg *m)
{
	switch (op->kind) {
	case OP_MOUNT:
		if (mount(op->src, op->target, op->fstype, op->flags, op->data) < 0)
			return FAIL("mount ", op->src ? op->src : op->fstype ? op->fstype : "none",
				    " on `", op->target, "`");
		return 0;
	case OP_MKDIR:
		if (mkdir(op->path, op->mode) < 0 && errno != EEXIST)
			return FAIL("mkdir `", op->path, "`");
		return 0;
	case OP_MKNOD:
		if (mknod(op->path, op->mode, makedev(op->major, op->minor)) < 0)
			return FAIL("mknod `", op->path, "`");
		return 0;
	case OP_SYMLINK:
		if (symlink(op->target, op->path) < 0)
			return FAIL("symlink `", op->path, "` to `", op->target, "`");
		return 0;
	case OP_MASK:
		return mask_path(op->path, m);
	case OP_READONLY:
		return readonly_path(op->path, m);
	case OP_WRITE:
		return write_file(op->path, op->data, m);
	case OP_MAKEPRIVATE:
		if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			return FAIL("make `/` private");
		return 0;
	}
	errno = EINVAL;
	return FAIL("run op");
}

static int setup_ops(const struct op *ops, size_t n, struct msg *m)
{
	for (size_t i = 0; i < n; i++)
		if (run_op(&ops[i], m) < 0)
			return -1;
	return 0;
}

/* pivot_root(".", ".") stacks the old root on top of the new one; the
 * detach then drops it, so no put_old directory is needed. */
static int setup_root(const char *root, struct msg *m)
{
	if (!root)
		return 0;
	if (chdir(root) < 0)
		return FAIL("chdir `", root, "`");
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return FAIL("pivot_root `", root, "`");
	if (umount2(".", MNT_DETACH) < 0)
		return FAIL("detach old root of `", root, "`");
	if (chdir("/") < 0)
		return FAIL("chdir `/`");
	return 0;
}

static int setup_cwd(const char *cwd, struct msg *m)
{
	if (cwd && *cwd && chdir(cwd) < 0)
		return FAIL("chdir `", cwd, "`");
	return 0;
}

static int setup_credentials(const struct config *c, struct msg *m)
{
	char num[16];
	struct msg nm;

	if (!c->has_uid && !c->has_gid && !c->has_groups)
		return 0;
	/* No `groups` means none: root's supplementary groups must not leak. */
	if (sys_setgroups(c->ngroups, c->groups) < 0)
		return FAIL("setgroups");
	msg_init(&nm, num, sizeof(num));
	if (c->has_gid) {
		msg_add_long(&nm, (long)c->gid);
		if (sys_setresgid(c->gid) < 0)
			return FAIL("setresgid `", num, "`");
	}
	msg_init(&nm, num, sizeof(num));
	if (c->has_uid) {
		msg_add_long(&nm, (long)c->uid);
		if (sys_setresuid(c->uid) < 0)
			return FAIL("setresuid `", num, "`");
	}
	return 0;
}

/* runc's order: rlimits; bounding set; without no_new_privs the filter goes
 * in while CAP_SYS_ADMIN is still held (it must then allow the remaining
 * setup calls: the default profile does); ids; the final capability sets. */
static int setup_identity(const struct config *c, struct msg *m)
{
	if (setup_rlimits(c, m) < 0 || setup_caps_before_ids(c, m) < 0)
		return -1;
	if (!c->no_new_privs && setup_seccomp(c, m) < 0)
		return -1;
	return setup_credentials(c, m) < 0 ? -1 : setup_caps_after_ids(c, m);
}

/* With no_new_privs the filter is the very last step before execve. */
static int setup_last(const struct config *c, struct msg *m)
{
	if (!c->no_new_privs)
		return 0;
	return setup_no_new_privs(c, m) < 0 ? -1 : setup_seccomp(c, m);
}

static int resolve_command(const struct config *c, char *out, size_t outlen,
			   struct msg *m, int *not_found)
{
	const char *file = c->args.v[0];
	int rc = lookpath(file, c->path, out, outlen);

	if (rc == 0)
		return 0;
	*not_found = rc == -ENOENT;
	if (rc == -ENOENT)
		msg_fail_desc(m, ENOENT, "executable file not found in $PATH",
			      "exec \"", file, "\"", NULL);
	else
		msg_fail(m, -rc, "exec \"", file, "\"", NULL);
	return -1;
}

static int setup_stdio(const struct child_plan *p, struct msg *m)
{
	if (p->stdout_fd < 0)
		return 0;
	if (dup2(p->devnull_fd, 0) < 0 || dup2(p->stdout_fd, 1) < 0 || dup2(p->stderr_fd, 2) < 0)
		return FAIL("set up stdio");
	return 0;
}

/* The monitor ignores SIGTERM & co; ignored dispositions survive execve. */
static void setup_signals(void)
{
	sys_reset_signal_handlers();
	sys_unblock_all_signals();
}

/* Everything above 2 becomes close-on-exec, so the error pipe survives
 * until the execve succeeds. */
static int setup_fds(struct msg *m)
{
	if (sys_close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		return FAIL("close inherited fds");
	return 0;
}

static void do_exec(const struct config *c, const char *path, struct msg *m, int *not_found)
{
	umask(022);
	execve(path, (char *const *)c->args.v, (char *const *)c->env.v);
	*not_found = errno == ENOENT;
	msg_fail(m, errno, "execve `", path, "`", NULL);
}

void child_run_container(const struct child_plan *p, struct msg *m, int *not_found)
{
	const struct config *c = p->cfg;
	char exe[PATH_MAX];

	*not_found = 0;
	setsid();
	umask(0);  /* modes in the mount plan are meant literally */
	setup_oom_score_adj(c);
	if (setup_cgroups(c, m) < 0 || setup_namespaces(p, m) < 0 ||
	    setup_newns(c, m) < 0 || setup_ops(c->ops, c->nops, m) < 0 ||
	    setup_root(c->root, m) < 0 || setup_ops(c->postops, c->npostops, m) < 0 ||
	    setup_cwd(c->cwd, m) < 0 || setup_identity(c, m) < 0 ||
	    resolve_command(c, exe, sizeof(exe), m, not_found) < 0 ||
	    setup_stdio(p, m) < 0 || setup_fds(m) < 0)
		return;
	setup_signals();
	if (setup_last(c, m) < 0)
		return;
	do_exec(c, exe, m, not_found);
}

void child_exec_process(const struct child_plan *p, struct msg *m, int *not_found)
{
	const struct config *c = p->cfg;
	char exe[PATH_MAX];

	*not_found = 0;
	if (setup_cgroups(c, m) < 0 || setup_namespaces(p, m) < 0 ||
	    setup_cwd(c->cwd, m) < 0 || setup_identity(c, m) < 0 ||
	    resolve_command(c, exe, sizeof(exe), m, not_found) < 0 || setup_fds(m) < 0)
		return;
	setup_signals();
	if (setup_last(c, m) < 0)
		return;
	do_exec(c, exe, m, not_found);
}
