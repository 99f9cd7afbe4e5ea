/* libminipod-shim.so against the real kernel (root: namespaces, mounts). */
#include "t.h"

#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

static char tmpdir[] = "/tmp/minipod-shimtest-XXXXXX";
static const char *build;
static char *const no_env[] = { NULL };
static const int32_t null_fds[4] = { -1, -1, -1, -1 };

/* Waits for a spawned child; returns its si_status, or -1000 - si_code. */
static int wait_exit(int pidfd)
{
	int32_t out[3];

	if (shim_wait_pidfd(pidfd, 0, out) < 0)
		return -2000;
	shim_close(pidfd);
	return out[1] == CLD_EXITED ? out[2] : -1000 - out[1];
}

static int count_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 1024; fd++)
		n += fcntl(fd, F_GETFD) >= 0;
	return n;
}

static int no_children_left(void)
{
	return waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD;
}

static int test_spawn_true(void)
{
	char *argv[] = { "true", NULL };
	int32_t out[2];
	char err[256] = "";
	int fds_before = count_fds();

	CHECK(shim_spawn("/bin/true", argv, no_env, null_fds, 0, NULL, out, err, sizeof(err)) == 0);
	CHECK(out[0] > 0 && out[1] >= 0);
	CHECK(wait_exit(out[1]) == 0);
	CHECK(no_children_left());
	CHECK(count_fds() == fds_before);
	return 0;
}

static int test_spawn_missing(void)
{
	char *argv[] = { "nosuch", NULL };
	int32_t out[2] = { -1, -1 };
	char err[256] = "";
	int fds_before = count_fds();

	CHECK(shim_spawn("/nonexistent/nosuch", argv, no_env, null_fds, 0, NULL, out, err,
			 sizeof(err)) == -ENOENT);
	CHECK(strncmp(err, "execve", 6) == 0);
	CHECK_STR(err, "execve `/nonexistent/nosuch`: ENOENT: No such file or directory");
	CHECK(no_children_left());  /* the failed child was reaped */
	CHECK(count_fds() == fds_before);  /* and its pidfd closed */
	return 0;
}

static size_t read_all(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	int r;

	while (n < cap - 1 && (r = shim_read(fd, (uint8_t *)buf + n, (int32_t)(cap - 1 - n))) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	return n;
}

/* The source fd sits on 3, a slot that must end up closed: the child has to
 * move it out of the way before dup2 into 0..3. */
static int test_spawn_fds(void)
{
	char *argv[] = { "sh", "-c", "echo hi; echo err >&2; ls /proc/self/fd", NULL };
	int32_t p[2], out[2];
	char err[256] = "", got[256];
	int saved3 = fcntl(3, F_DUPFD_CLOEXEC, 10);

	CHECK(shim_pipe(p) == 0);
	int rd = fcntl(p[0], F_DUPFD_CLOEXEC, 10);  /* keep the read end off 3 */
	close(p[0]);
	p[0] = rd;
	CHECK(dup2(p[1], 3) == 3);
	int32_t fds[4] = { -1, 3, 3, -1 };
	CHECK(shim_spawn("/bin/sh", argv, no_env, fds, 0, NULL, out, err, sizeof(err)) == 0);
	close(3);
	shim_close(p[1]);
	read_all(p[0], got, sizeof(got));
	CHECK_STR(got, "hi\nerr\n0\n1\n2\n3\n");  /* 3 is ls's own directory fd */
	CHECK(wait_exit(out[1]) == 0);
	shim_close(p[0]);
	if (saved3 >= 0) {
		dup2(saved3, 3);
		close(saved3);
	}
	return 0;
}

/* In a forked helper: join the pause's uts+net ns, check hostname and lo. */
static int check_pod_namespaces(pid_t pid)
{
	char path[64], host[64] = "";
	struct ifreq ifr;
	int fd, sock;

	snprintf(path, sizeof(path), "/proc/%d/ns/uts", pid);
	if ((fd = open(path, O_RDONLY)) < 0 || setns(fd, CLONE_NEWUTS) < 0)
		return 10;
	gethostname(host, sizeof(host));
	if (strcmp(host, "pod1") != 0)
		return 11;
	snprintf(path, sizeof(path), "/proc/%d/ns/net", pid);
	if ((fd = open(path, O_RDONLY)) < 0 || setns(fd, CLONE_NEWNET) < 0)
		return 12;
	sock = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (sock < 0 || ioctl(sock, SIOCGIFFLAGS, &ifr) < 0 || !(ifr.ifr_flags & IFF_UP))
		return 13;
	return 0;
}

/* PID 1 drops SIGTERM until it has a handler: wait for pause to install it
 * (SigCgt in /proc/PID/status) before signalling. */
static int wait_for_handler(pid_t pid, int sig)
{
	char path[64], buf[4096];
	unsigned long long cgt;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	for (int i = 0; i < 500; i++) {
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			return -1;
		read_all(fd, buf, sizeof(buf));
		close(fd);
		char *p = strstr(buf, "SigCgt:");
		if (p && sscanf(p + 7, "%llx", &cgt) == 1 && (cgt & (1ULL << (sig - 1))))
			return 0;
		usleep(10000);
	}
	return -1;
}

static int test_spawn_pause_pod(void)
{
	char pause[256], *argv[] = { "pause", NULL };
	int32_t out[2], w[3], ready;
	char err[256] = "";
	int status = -1;

	SKIP_UNLESS_ROOT();
	snprintf(pause, sizeof(pause), "%s/pause", build);
	CHECK(shim_spawn(pause, argv, no_env, null_fds,
			 CLONE_NEWUTS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC, "pod1",
			 out, err, sizeof(err)) == 0);
	if (err[0]) {
		fprintf(stderr, "  spawn: %s\n", err);
		return 0;
	}
	CHECK(shim_wait_pidfd(out[1], 1, w) == 0 && w[0] == 0);  /* still running */
	pid_t helper = fork();
	if (helper == 0)
		_exit(check_pod_namespaces(out[0]));
	waitpid(helper, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(wait_for_handler(out[0], SIGTERM) == 0);
	CHECK(shim_pidfd_send_signal(out[1], SIGTERM) == 0);
	if (shim_poll(&out[1], 1, 5000, &ready) != 1) {
		CHECK(!"pause did not exit on SIGTERM");
		shim_pidfd_send_signal(out[1], SIGKILL);  /* never leave it behind */
	}
	CHECK(shim_wait_pidfd(out[1], 0, w) == 0);
	CHECK(w[0] == out[0] && w[1] == CLD_EXITED && w[2] == 0);
	shim_close(out[1]);
	return 0;
}

static void make_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd >= 0) {
		shim_write(fd, (const uint8_t *)text, (int32_t)strlen(text));
		close(fd);
	}
}

static int file_is(const char *dir, const char *name, const char *text)
{
	char path[256], got[64];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_RDONLY)) < 0)
		return 0;
	read_all(fd, got, sizeof(got));
	close(fd);
	return strcmp(got, text) == 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

static int rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int test_overlay(void)
{
	const char *names[] = { "l1", "l2", "l3", "up", "work", "merged" };
	char d[6][200], wh[256];
	char *lowers[4];

	SKIP_UNLESS_ROOT();
	for (int i = 0; i < 6; i++) {
		snprintf(d[i], sizeof(d[i]), "%s/%s", tmpdir, names[i]);
		mkdir(d[i], 0755);
	}
	make_file(d[0], "a", "top");
	make_file(d[1], "a", "middle");
	make_file(d[1], "b", "middle");
	make_file(d[2], "c", "bottom");
	snprintf(wh, sizeof(wh), "%s/gone", d[0]);
	CHECK(shim_mknod(wh, S_IFCHR | 0600, 0, 0) == 0);  /* whiteout */
	make_file(d[2], "gone", "hidden");
	/* opaque dir: l1/dir hides l2/dir's content */
	snprintf(wh, sizeof(wh), "%s/dir", d[0]);
	mkdir(wh, 0755);
	CHECK(shim_lsetxattr(wh, "trusted.overlay.opaque", "y", 1) == 0);
	snprintf(wh, sizeof(wh), "%s/dir", d[1]);
	mkdir(wh, 0755);
	make_file(wh, "x", "hidden");
	lowers[0] = d[0]; lowers[1] = d[1]; lowers[2] = d[2]; lowers[3] = NULL;
	CHECK(shim_mount_overlay(d[5], lowers, d[3], d[4]) == 0);
	CHECK(file_is(d[5], "a", "top"));
	CHECK(file_is(d[5], "b", "middle"));
	CHECK(file_is(d[5], "c", "bottom"));
	snprintf(wh, sizeof(wh), "%s/gone", d[5]);
	CHECK(access(wh, F_OK) < 0);
	snprintf(wh, sizeof(wh), "%s/dir/x", d[5]);
	CHECK(access(wh, F_OK) < 0);
	make_file(d[5], "new", "upper");
	CHECK(file_is(d[3], "new", "upper"));
	CHECK(shim_umount2(d[5], MNT_DETACH) == 0);
	CHECK(shim_mount_overlay(d[5], (char *[]){ NULL }, NULL, NULL) == -EINVAL);
	for (int i = 0; i < 6; i++)
		CHECK(rm_tree(d[i]) == 0);
	return 0;
}

static int test_mount_tmpfs(void)
{
	char dir[200];

	SKIP_UNLESS_ROOT();
	snprintf(dir, sizeof(dir), "%s/mnt", tmpdir);
	mkdir(dir, 0755);
	CHECK(shim_mount("tmpfs", dir, "tmpfs", MS_NOSUID, "size=1m") == 0);
	make_file(dir, "x", "y");
	CHECK(file_is(dir, "x", "y"));
	CHECK(shim_umount2(dir, 0) == 0);
	CHECK(shim_umount2(dir, 0) == -EINVAL);  /* not a mount point any more */
	CHECK(shim_mount("tmpfs", "/nonexistent/minipod", "tmpfs", 0, NULL) == -ENOENT);
	rmdir(dir);
	return 0;
}

#define SPAWNERS 4
#define SPAWNS 25

/* Spawns `sh -c 'exit K'` repeatedly; counts wrong exit codes. */
static void *spawner(void *arg)
{
	long id = (long)arg, wrong = 0;

	for (int i = 0; i < SPAWNS; i++) {
		char code[16], err[256] = "";
		char *argv[] = { "sh", "-c", code, NULL };
		int32_t out[2];
		int k = (int)(id * SPAWNS + i) % 200;

		snprintf(code, sizeof(code), "exit %d", k);
		if (shim_spawn("/bin/sh", argv, no_env, null_fds, 0, NULL, out, err, sizeof(err)) < 0 ||
		    wait_exit(out[1]) != k)
			wrong++;
	}
	return (void *)wrong;
}

/* Several threads at once, like the daemon's pod workers. */
static int test_spawn_concurrent(void)
{
	pthread_t t[SPAWNERS];
	long wrong = 0;

	for (long i = 0; i < SPAWNERS; i++)
		pthread_create(&t[i], NULL, spawner, (void *)i);
	for (int i = 0; i < SPAWNERS; i++) {
		void *w;
		pthread_join(t[i], &w);
		wrong += (long)w;
	}
	CHECK(wrong == 0);
	CHECK(no_children_left());
	return 0;
}

static int test_small_wrappers(void)
{
	int32_t p[2], r;
	uint8_t buf[8];
	int fd = shim_memfd("minipod-test");

	CHECK(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC));
	CHECK(shim_write(fd, (const uint8_t *)"abc", 3) == 3);
	shim_close(fd);
	CHECK(shim_pipe(p) == 0 && (fcntl(p[0], F_GETFD) & FD_CLOEXEC));
	CHECK(shim_poll(&p[0], 1, 0, &r) == 0 && r == 0);
	CHECK(shim_write(p[1], (const uint8_t *)"xy", 2) == 2);
	CHECK(shim_poll(&p[0], 1, 0, &r) == 1 && r != 0);
	CHECK(shim_read(p[0], buf, sizeof(buf)) == 2 && memcmp(buf, "xy", 2) == 0);
	shim_close(p[0]);
	shim_close(p[1]);
	CHECK(shim_close(p[1]) == -EBADF);
	CHECK(shim_pidfd_open(0x7ffffff0) == -ESRCH);
	CHECK_STR(shim_errname(EBADF), "EBADF");
	CHECK_STR(shim_strerror(EBADF), "Bad file descriptor");
	return 0;
}

int main(int argc, char **argv)
{
	int rc;

	build = argc > 1 ? argv[1] : "build";
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_spawn_true);
	RUN(test_spawn_missing);
	RUN(test_spawn_fds);
	RUN(test_spawn_pause_pod);
	RUN(test_overlay);
	RUN(test_mount_tmpfs);
	RUN(test_spawn_concurrent);
	RUN(test_small_wrappers);
	rc = T_SUMMARY("test_shim");
	if (rmdir(tmpdir) < 0)
		perror("rmdir tmpdir");
	return rc;
}
