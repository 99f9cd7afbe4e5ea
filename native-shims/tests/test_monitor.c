/* minipod-monitor end to end: the real binary, real namespaces (root). */
#include "t.h"

#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

static char tmpdir[] = "/tmp/minipod-shimtest-XXXXXX";
static const char *build;
static char log_path[256], exit_path[256];

struct result {
	int status;          /* monitor exit status, or -1 */
	char sync[1024];     /* what the monitor wrote on fd 1 */
	char err[1024];      /* what it wrote on fd 2 */
};

static size_t read_all(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;

	while (n < cap - 1 && ((r = read(fd, buf + n, cap - 1 - n)) > 0 || (r < 0 && errno == EINTR)))
		n += r > 0 ? (size_t)r : 0;
	buf[n] = '\0';
	return n;
}

static void slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	buf[0] = '\0';
	if (fd >= 0) {
		read_all(fd, buf, cap);
		close(fd);
	}
}

/* The config goes in a memfd whose offset is left at the end, like the
 * daemon leaves it. */
static int config_memfd(const char *const *kv)
{
	int fd = memfd_create("minipod-config", MFD_CLOEXEC);

	for (; fd >= 0 && *kv; kv++)
		if (write(fd, *kv, strlen(*kv) + 1) < 0)
			return -1;
	return fd;
}

static void run_monitor(const char *mode, const char *const *kv, struct result *r)
{
	char exe[256];
	int cfg = config_memfd(kv), out[2], err[2];
	pid_t pid;

	snprintf(exe, sizeof(exe), "%s/minipod-monitor", build);
	r->status = -1;
	if (cfg < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		int c = fcntl(cfg, F_DUPFD, 10);  /* cfg may already sit on 3 (O_CLOEXEC) */
		dup2(out[1], 1);
		dup2(err[1], 2);
		dup2(c, 3);
		execl(exe, exe, mode, (char *)NULL);
		_exit(99);
	}
	close(out[1]);
	close(err[1]);
	close(cfg);
	read_all(out[0], r->sync, sizeof(r->sync));
	read_all(err[0], r->err, sizeof(r->err));
	close(out[0]);
	close(err[0]);
	int st;
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void reset_files(void)
{
	unlink(log_path);
	unlink(exit_path);
}

/* Splits the log into lines; checks the CRI shape of each. */
static int log_lines(char *buf, char **lines, int max)
{
	int n = 0;
	char *save = NULL;

	for (char *l = strtok_r(buf, "\n", &save); l && n < max; l = strtok_r(NULL, "\n", &save)) {
		CHECK(strlen(l) >= 31 && l[10] == 'T' && l[29] == 'Z' && l[30] == ' ');
		lines[n++] = l + 31;  /* past the timestamp */
	}
	return n;
}

static int test_run_basic(void)
{
	const char *kv[] = { "log", log_path, "exit", exit_path, "newns", "mnt",
			     "arg", "sh", "arg", "-c", "arg", "echo out; echo err >&2; exit 3",
			     "env", "PATH=/bin:/usr/bin", "path", "/bin:/usr/bin", NULL };
	struct result r;
	char log[4096], ex[1024], *lines[8];
	int pid = 0;

	SKIP_UNLESS_ROOT();
	reset_files();
	run_monitor("run", kv, &r);
	CHECK(r.status == 0);
	CHECK(sscanf(r.sync, "started %d\n", &pid) == 1 && pid > 0);
	CHECK(strchr(r.sync, '\n') == r.sync + strlen(r.sync) - 1);
	slurp(log_path, log, sizeof(log));
	int n = log_lines(log, lines, 8);
	CHECK(n == 2);
	if (n == 2) {
		/* the two pipes race: accept either order */
		int o = strcmp(lines[0], "stdout F out") == 0 ? 0 : 1;
		CHECK_STR(lines[o], "stdout F out");
		CHECK_STR(lines[1 - o], "stderr F err");
	}
	slurp(exit_path, ex, sizeof(ex));
	CHECK(strncmp(ex, "{\"exitCode\":3,\"signal\":0,\"startedAt\":\"", 38) == 0);
	CHECK(strstr(ex, "\"finishedAt\":\"") != NULL);
	return 0;
}

static int test_run_partial_lines(void)
{
	const char *kv[] = { "log", log_path, "exit", exit_path,
			     "arg", "/bin/sh", "arg", "-c",
			     "arg", "head -c 20000 /dev/zero | tr '\\0' a; echo; printf tail", NULL };
	struct result r;
	static char log[65536];
	char *lines[8];

	SKIP_UNLESS_ROOT();
	reset_files();
	run_monitor("run", kv, &r);
	CHECK(r.status == 0 && strncmp(r.sync, "started ", 8) == 0);
	slurp(log_path, log, sizeof(log));
	int n = log_lines(log, lines, 8);
	CHECK(n == 3);
	if (n == 3) {
		CHECK(strncmp(lines[0], "stdout P aaa", 12) == 0 && strlen(lines[0]) == 9 + 16384);
		CHECK(strncmp(lines[1], "stdout F aaa", 12) == 0 && strlen(lines[1]) == 9 + 20000 - 16384);
		CHECK_STR(lines[2], "stdout F tail");
	}
	return 0;
}

static int test_run_missing_command(void)
{
	const char *kv[] = { "log", log_path, "exit", exit_path, "newns", "mnt",
			     "arg", "nosuch-minipod", "path", "/bin:/usr/bin", NULL };
	const char *msg = "exec \"nosuch-minipod\": ENOENT: executable file not found in $PATH";
	struct result r;
	char want[256], ex[1024];

	SKIP_UNLESS_ROOT();
	reset_files();
	run_monitor("run", kv, &r);
	CHECK(r.status == 0);
	snprintf(want, sizeof(want), "error %s\n", msg);
	CHECK_STR(r.sync, want);
	slurp(exit_path, ex, sizeof(ex));
	CHECK(strncmp(ex, "{\"exitCode\":128,\"signal\":0,\"startError\":\"exec \\\"nosuch-minipod\\\": ENOENT:", 72) == 0);
	return 0;
}

static int test_run_bad_op(void)
{
	const char *kv[] = { "log", log_path, "exit", exit_path, "newns", "mnt",
			     "op", "mount\tproc\t/nonexistent/minipod/proc\tproc\t0\t-",
			     "arg", "/bin/true", NULL };
	struct result r;

	SKIP_UNLESS_ROOT();
	reset_files();
	run_monitor("run", kv, &r);
	CHECK_STR(r.sync, "error mount proc on `/nonexistent/minipod/proc`: ENOENT: No such file or directory\n");
	return 0;
}

static int test_run_bad_config(void)
{
	const char *kv[] = { "log", log_path, "bogus", "1", "arg", "x", NULL };
	struct result r;

	run_monitor("run", kv, &r);
	CHECK(r.status == 1);
	CHECK_STR(r.sync, "error read config: EINVAL: unknown key `bogus`\n");
	return 0;
}

/* Starts build/pause as PID 1 of a new pid+uts ns, ready for SIGTERM. */
static int start_pause(int32_t out[2])
{
	char exe[256], *argv[] = { "pause", NULL }, *envp[] = { NULL }, err[256];
	const int32_t fds[4] = { -1, -1, -1, -1 };

	snprintf(exe, sizeof(exe), "%s/pause", build);
	return shim_spawn(exe, argv, envp, fds, CLONE_NEWPID | CLONE_NEWUTS, "pod-x", out, err, sizeof(err));
}

static void stop_pause(int32_t out[2])
{
	int32_t w[3];

	shim_pidfd_send_signal(out[1], SIGKILL);  /* no handler race with KILL */
	shim_wait_pidfd(out[1], 0, w);
	shim_close(out[1]);
}

static int test_run_join_pidns(void)
{
	char pidns[64];
	const char *kv[] = { "log", log_path, "exit", exit_path, "pidns", pidns,
			     "arg", "/bin/sh", "arg", "-c", "arg", "echo $$; kill -9 $$", NULL };
	struct result r;
	char log[4096], ex[1024], *lines[4];
	int32_t pause[2];

	SKIP_UNLESS_ROOT();
	reset_files();
	if (start_pause(pause) < 0) {
		CHECK(!"start pause");
		return 0;
	}
	snprintf(pidns, sizeof(pidns), "/proc/%d/ns/pid", pause[0]);
	run_monitor("run", kv, &r);
	CHECK(strncmp(r.sync, "started ", 8) == 0);
	slurp(log_path, log, sizeof(log));
	CHECK(log_lines(log, lines, 4) == 1 && strcmp(lines[0], "stdout F 2") == 0);
	slurp(exit_path, ex, sizeof(ex));
	CHECK(strncmp(ex, "{\"exitCode\":137,\"signal\":9,", 27) == 0);
	stop_pause(pause);
	return 0;
}

/* An orphan in a shared pid ns keeps the log pipes open; the monitor must
 * still finish soon after its own child exits. */
static int test_run_orphan_holds_pipes(void)
{
	char pidns[64];
	const char *kv[] = { "log", log_path, "exit", exit_path, "pidns", pidns,
			     "arg", "/bin/sh", "arg", "-c", "arg", "(sleep 30 &); echo done", NULL };
	struct result r;
	struct timespec t0, t1;
	char log[4096], ex[1024], *lines[4];
	int32_t pause[2];

	SKIP_UNLESS_ROOT();
	reset_files();
	if (start_pause(pause) < 0) {
		CHECK(!"start pause");
		return 0;
	}
	snprintf(pidns, sizeof(pidns), "/proc/%d/ns/pid", pause[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run_monitor("run", kv, &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(r.status == 0 && strncmp(r.sync, "started ", 8) == 0);
	CHECK(t1.tv_sec - t0.tv_sec < 5);
	slurp(log_path, log, sizeof(log));
	CHECK(log_lines(log, lines, 4) == 1 && strcmp(lines[0], "stdout F done") == 0);
	slurp(exit_path, ex, sizeof(ex));
	CHECK(strncmp(ex, "{\"exitCode\":0,\"signal\":0,", 25) == 0);
	stop_pause(pause);  /* takes the orphan with it */
	return 0;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out = open(to, O_WRONLY | O_CREAT | O_CLOEXEC, mode);
	ssize_t n;
	int rc = in < 0 || out < 0 ? -1 : 0;

	while (rc == 0 && (n = read(in, buf, sizeof(buf))) > 0)
		rc = write(out, buf, (size_t)n) == n ? 0 : -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return rc;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st; (void)flag; (void)ftw;
	return remove(path);
}

/* A real new root: busybox in a private mount ns, proc, pivot_root, ids. */
static int test_run_pivot_root(void)
{
	char root[128], bin[160], bb[192], bind[320], proc[256], mkproc[256];
	const char *kv[] = { "log", log_path, "exit", exit_path, "newns", "mnt",
			     "op", "makeprivate", "op", bind, "op", mkproc, "op", proc,
			     "root", root, "cwd", "/bin", "uid", "65534", "gid", "65534",
			     "path", "/bin", "arg", "busybox", "arg", "sh", "arg", "-c",
			     "arg", "echo $$; busybox id -u; busybox pwd; busybox ls /", NULL };
	struct result r;
	char log[4096], *lines[8];

	SKIP_UNLESS_ROOT();
	if (access("/bin/busybox", X_OK) < 0) {
		printf("     (no static /bin/busybox to build a root from)\n");
		return 1;
	}
	reset_files();
	snprintf(root, sizeof(root), "%s/rootfs", tmpdir);
	snprintf(bin, sizeof(bin), "%s/bin", root);
	snprintf(bb, sizeof(bb), "%s/busybox", bin);
	snprintf(bind, sizeof(bind), "mount\t%s\t%s\t-\t20480\t-", root, root);  /* MS_BIND|MS_REC */
	snprintf(mkproc, sizeof(mkproc), "mkdir\t%s/proc\t0555", root);
	snprintf(proc, sizeof(proc), "mount\tproc\t%s/proc\tproc\t14\t-", root);
	CHECK(mkdir(root, 0755) == 0 && mkdir(bin, 0755) == 0);
	CHECK(copy_file("/bin/busybox", bb, 0755) == 0);
	run_monitor("run", kv, &r);
	CHECK(strncmp(r.sync, "started ", 8) == 0);
	if (strncmp(r.sync, "started ", 8) != 0)
		fprintf(stderr, "  sync: %s", r.sync);
	slurp(log_path, log, sizeof(log));
	int n = log_lines(log, lines, 8);
	CHECK(n == 5);
	if (n == 5) {
		CHECK_STR(lines[0], "stdout F 1");
		CHECK_STR(lines[1], "stdout F 65534");
		CHECK_STR(lines[2], "stdout F /bin");
		CHECK_STR(lines[3], "stdout F bin");
		CHECK_STR(lines[4], "stdout F proc");
	}
	CHECK(nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS) == 0);
	return 0;
}

static int test_exec_exit_codes(void)
{
	const char *seven[] = { "arg", "sh", "arg", "-c", "arg", "echo hi; exit 7", NULL };
	const char *killed[] = { "arg", "/bin/sh", "arg", "-c", "arg", "kill -9 $$", NULL };
	const char *missing[] = { "arg", "nosuch-minipod", NULL };
	const char *noexec[] = { "arg", "/etc/passwd", NULL };
	struct result r;

	run_monitor("exec", seven, &r);
	CHECK(r.status == 7);
	CHECK_STR(r.sync, "hi\n");  /* fd 1 is inherited */
	run_monitor("exec", killed, &r);
	CHECK(r.status == 137);
	run_monitor("exec", missing, &r);
	CHECK(r.status == 127);
	CHECK_STR(r.err, "minipod: exec \"nosuch-minipod\": ENOENT: executable file not found in $PATH\n");
	run_monitor("exec", noexec, &r);
	CHECK(r.status == 126);
	CHECK(strncmp(r.err, "minipod: execve `/etc/passwd`: EACCES", 37) == 0);
	return 0;
}

static int test_exec_in_pod(void)
{
	char pidns[64], uts[80];
	const char *kv[] = { "pidns", pidns, "ns", uts, "cwd", "/tmp",
			     "arg", "/bin/sh", "arg", "-c",
			     "arg", "echo $$ $(cat /proc/sys/kernel/hostname) $(pwd)", NULL };
	struct result r;
	int32_t pause[2];
	int nspid = 0;
	char host[64] = "", cwd[64] = "";

	SKIP_UNLESS_ROOT();
	if (start_pause(pause) < 0) {
		CHECK(!"start pause");
		return 0;
	}
	snprintf(pidns, sizeof(pidns), "/proc/%d/ns/pid", pause[0]);
	snprintf(uts, sizeof(uts), "uts /proc/%d/ns/uts", pause[0]);
	run_monitor("exec", kv, &r);
	CHECK(r.status == 0);
	CHECK(sscanf(r.sync, "%d %63s %63s", &nspid, host, cwd) == 3);
	CHECK(nspid > 1);
	CHECK_STR(host, "pod-x");
	CHECK_STR(cwd, "/tmp");
	stop_pause(pause);
	return 0;
}

/* Orphans in the pod's pid ns are reparented to pause, which must reap
 * them: its children list empties once the orphan exits. */
static int test_pause_reaps_orphans(void)
{
	char pidns[64], children[128], list[256] = "x";
	const char *kv[] = { "pidns", pidns, "arg", "/bin/sh", "arg", "-c",
			     "arg", "sleep 0.5 >/dev/null 2>&1 & echo started", NULL };
	struct result r;
	int32_t pause[2];

	SKIP_UNLESS_ROOT();
	if (start_pause(pause) < 0) {
		CHECK(!"start pause");
		return 0;
	}
	snprintf(pidns, sizeof(pidns), "/proc/%d/ns/pid", pause[0]);
	snprintf(children, sizeof(children), "/proc/%d/task/%d/children", pause[0], pause[0]);
	run_monitor("exec", kv, &r);
	CHECK(r.status == 0);
	slurp(children, list, sizeof(list));
	CHECK(list[0] != '\0');  /* the orphaned sleep now belongs to pause */
	for (int i = 0; i < 300 && list[0]; i++) {
		usleep(10000);
		slurp(children, list, sizeof(list));
	}
	CHECK_STR(list, "");
	stop_pause(pause);
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
	snprintf(log_path, sizeof(log_path), "%s/ctr.log", tmpdir);
	snprintf(exit_path, sizeof(exit_path), "%s/exit.json", tmpdir);
	RUN(test_run_basic);
	RUN(test_run_partial_lines);
	RUN(test_run_missing_command);
	RUN(test_run_bad_op);
	RUN(test_run_bad_config);
	RUN(test_run_join_pidns);
	RUN(test_run_orphan_holds_pipes);
	RUN(test_run_pivot_root);
	RUN(test_exec_exit_codes);
	RUN(test_exec_in_pod);
	RUN(test_pause_reaps_orphans);
	rc = T_SUMMARY("test_monitor");
	reset_files();
	if (rmdir(tmpdir) < 0)
		perror("rmdir tmpdir");
	return rc;
}
