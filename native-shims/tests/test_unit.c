/* Pure unit tests: config parser, op parsing, CRI lines, exit JSON, PATH
 * lookup, error names. */
#include "t.h"

#include "config.h"
#include "crilog.h"
#include "errmsg.h"
#include "exitfile.h"
#include "lookpath.h"
#include "overlay.h"
#include "security.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static char tmpdir[] = "/tmp/minipod-shimtest-XXXXXX";

/* Builds a NUL-separated buffer from a list of strings. */
static size_t pairs(char *buf, const char *const *kv)
{
	size_t n = 0;

	for (; *kv; kv++) {
		size_t l = strlen(*kv) + 1;
		memcpy(buf + n, *kv, l);
		n += l;
	}
	return n;
}

static int test_config_pairs(void)
{
	const char *kv[] = {
		"log", "/l", "exit", "/e", "pidns", "/proc/1/ns/pid",
		"ns", "net /proc/9/ns/net", "ns", "mnt /m",
		"cgroup", "/c1", "cgroup", "/c2", "newns", "mnt cgroup",
		"root", "/r", "cwd", "/w", "uid", "1000", "gid", "100", "groups", "10,20",
		"path", "/bin", "arg", "sh", "arg", "", "env", "A=1", NULL,
	};
	char buf[1024], err[256];
	size_t n = pairs(buf, kv);
	struct config c;

	CHECK(config_parse(&c, buf, n, err, sizeof(err)) == 0);
	CHECK_STR(c.log, "/l");
	CHECK_STR(c.exit, "/e");
	CHECK_STR(c.pidns, "/proc/1/ns/pid");
	CHECK(c.nns == 2 && c.ns[0].nstype == CLONE_NEWNET && c.ns[1].nstype == CLONE_NEWNS);
	CHECK_STR(c.ns[0].path, "/proc/9/ns/net");
	CHECK(c.cgroups.n == 2 && c.cgroups.v[2] == NULL);
	CHECK(c.newns == (CLONE_NEWNS | CLONE_NEWCGROUP));
	CHECK(c.has_uid && c.uid == 1000 && c.has_gid && c.gid == 100);
	CHECK(c.ngroups == 2 && c.groups[0] == 10 && c.groups[1] == 20);
	CHECK(c.args.n == 2 && strcmp(c.args.v[1], "") == 0 && c.args.v[2] == NULL);
	CHECK(c.env.n == 1 && c.env.v[1] == NULL);
	config_free(&c);
	return 0;
}

static int test_config_errors(void)
{
	char buf[256], err[256];
	struct config c;
	const char *unknown[] = { "bogus", "x", "arg", "sh", NULL };
	const char *no_arg[] = { "log", "/l", NULL };
	const char *dup[] = { "log", "/l", "log", "/m", "arg", "sh", NULL };
	const char *badns[] = { "ns", "pid /x", "arg", "sh", NULL };

	CHECK(config_parse(&c, buf, pairs(buf, unknown), err, sizeof(err)) < 0);
	CHECK(strstr(err, "unknown key `bogus`") != NULL);
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, no_arg), err, sizeof(err)) < 0);
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, dup), err, sizeof(err)) < 0);
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, badns), err, sizeof(err)) < 0);
	config_free(&c);
	/* a key whose value is cut off */
	memcpy(buf, "arg\0sh\0log", 10);
	CHECK(config_parse(&c, buf, 10, err, sizeof(err)) < 0);
	config_free(&c);
	{
		const char *oom[] = { "oom_score_adj", "-997", "arg", "sh", NULL };
		const char *oom_bad[] = { "oom_score_adj", "1001", "arg", "sh", NULL };

		CHECK(config_parse(&c, buf, pairs(buf, oom), err, sizeof(err)) == 0);
		CHECK_STR(c.oom_score_adj, "-997");
		config_free(&c);
		CHECK(config_parse(&c, buf, pairs(buf, oom_bad), err, sizeof(err)) < 0);
		CHECK(strstr(err, "bad oom_score_adj `1001`") != NULL);
		config_free(&c);
	}
	/* empty env list is still NULL-terminated */
	memcpy(buf, "arg\0sh\0", 7);
	CHECK(config_parse(&c, buf, 7, err, sizeof(err)) == 0 && c.env.v && c.env.v[0] == NULL);
	config_free(&c);
	return 0;
}

static int test_config_security(void)
{
	/* ld [0]; jeq 110 (getppid) ? ret ERRNO|EPERM : ret ALLOW */
	const char *kv[] = {
		"rlimit", "nofile 1024 4096", "rlimit", "core 0 unlimited", "caps", "a80425fb",
		"nonewprivs", "1", "seccomp",
		"200000000000000015000001" "6e000000" "06000000" "01000500" "06000000" "0000ff7f",
		"arg", "sh", NULL,
	};
	const char *bad_rlimit[] = { "rlimit", "nofile 9 1", "arg", "sh", NULL };
	const char *bad_name[] = { "rlimit", "files 1 1", "arg", "sh", NULL };
	const char *bad_prog[] = { "seccomp", "0011", "arg", "sh", NULL };
	const char *dup_caps[] = { "caps", "1", "caps", "2", "arg", "sh", NULL };
	const char *bad_nnp[] = { "nonewprivs", "yes", "arg", "sh", NULL };
	char buf[1024], err[256];
	struct config c;

	CHECK(config_parse(&c, buf, pairs(buf, kv), err, sizeof(err)) == 0);
	CHECK(c.nrlimits == 2 && c.rlimits[0].resource == 7 && c.rlimits[0].soft == 1024 && c.rlimits[0].hard == 4096);
	CHECK(c.rlimits[1].resource == 4 && c.rlimits[1].hard == UINT64_MAX);
	CHECK(c.has_caps && c.caps == 0xa80425fbULL && c.no_new_privs);
	CHECK(c.seccomp.len == 4 && c.seccomp.bytes[0] == 0x20);
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, bad_rlimit), err, sizeof(err)) < 0 && strstr(err, "SOFT <= HARD"));
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, bad_name), err, sizeof(err)) < 0 && strstr(err, "`files 1 1`"));
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, bad_prog), err, sizeof(err)) < 0 && strstr(err, "parse seccomp"));
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, dup_caps), err, sizeof(err)) < 0 && strstr(err, "duplicate key `caps`"));
	config_free(&c);
	CHECK(config_parse(&c, buf, pairs(buf, bad_nnp), err, sizeof(err)) < 0 && strstr(err, "want 1"));
	config_free(&c);
	return 0;
}

/* The installed filter really runs: with no_new_privs no privilege is needed. */
static int test_seccomp_filter_applies(void)
{
	const char *kv[] = {
		"nonewprivs", "1", "seccomp",
		"200000000000000015000001" "6e000000" "06000000" "01000500" "06000000" "0000ff7f",
		"arg", "sh", NULL,
	};
	char buf[512], err[256], mbuf[256];
	struct config c;
	struct msg m;
	int status;
	pid_t pid;

	CHECK(config_parse(&c, buf, pairs(buf, kv), err, sizeof(err)) == 0);
	pid = fork();
	if (pid == 0) {
		msg_init(&m, mbuf, sizeof(mbuf));
		if (setup_no_new_privs(&c, &m) < 0 || setup_seccomp(&c, &m) < 0) {
			fprintf(stderr, "  %s\n", mbuf);
			_exit(2);
		}
		/* raw syscall: glibc's getppid() cannot fail, so it sets no errno */
		_exit(syscall(SYS_getppid) == -1 && errno == EPERM && getpid() > 0 ? 0 : 1);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	config_free(&c);
	return 0;
}

static int test_op_parse(void)
{
	struct op op;
	char err[256];
	char m1[] = "mount\tproc\t/r/proc\tproc\t14\t-";
	char m2[] = "mount\t-\t/r\t-\t4096\tmode=755";
	char d[] = "mkdir\t/r/dev\t0755";
	char n[] = "mknod\t/r/dev/null\t20666\t1\t3";
	char s[] = "symlink\t/proc/self/fd\t/r/dev/fd";
	char p[] = "makeprivate";
	char bad1[] = "mount\ta\tb";
	char bad2[] = "mkdir\t/x\t9z";
	char bad3[] = "frob\tx";

	CHECK(op_parse(&op, m1, err, sizeof(err)) == 0 && op.kind == OP_MOUNT);
	CHECK_STR(op.src, "proc");
	CHECK_STR(op.target, "/r/proc");
	CHECK_STR(op.fstype, "proc");
	CHECK(op.flags == (MS_NOSUID | MS_NODEV | MS_NOEXEC) && op.data == NULL);
	CHECK(op_parse(&op, m2, err, sizeof(err)) == 0 && op.src == NULL && op.fstype == NULL);
	CHECK(op.flags == MS_BIND);
	CHECK_STR(op.data, "mode=755");
	CHECK(op_parse(&op, d, err, sizeof(err)) == 0 && op.kind == OP_MKDIR && op.mode == 0755);
	CHECK_STR(op.path, "/r/dev");
	CHECK(op_parse(&op, n, err, sizeof(err)) == 0 && op.kind == OP_MKNOD);
	CHECK(op.mode == (S_IFCHR | 0666) && op.major == 1 && op.minor == 3);
	CHECK(op_parse(&op, s, err, sizeof(err)) == 0 && op.kind == OP_SYMLINK);
	CHECK_STR(op.target, "/proc/self/fd");
	CHECK_STR(op.path, "/r/dev/fd");
	CHECK(op_parse(&op, p, err, sizeof(err)) == 0 && op.kind == OP_MAKEPRIVATE);
	CHECK(op_parse(&op, bad1, err, sizeof(err)) < 0);
	CHECK(op_parse(&op, bad2, err, sizeof(err)) < 0);
	CHECK(op_parse(&op, bad3, err, sizeof(err)) < 0 && strstr(err, "`frob`"));
	return 0;
}

static int test_timestamp(void)
{
	struct timespec ts = { 1767366245, 5 };  /* 2026-01-02T15:04:05 */
	char out[RFC3339_LEN];

	format_rfc3339nano(&ts, out);
	CHECK_STR(out, "2026-01-02T15:04:05.000000005Z");
	CHECK(strlen(out) == 30);
	return 0;
}

/* Reads the whole file at path into buf. */
static size_t slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, cap - 1);

	if (fd >= 0)
		close(fd);
	n = n < 0 ? 0 : n;
	buf[n] = '\0';
	return (size_t)n;
}

/* Checks one CRI line: timestamp shape, stream, tag, text. */
static void check_cri_line(const char *line, const char *stream, char tag, const char *text)
{
	char want[64];

	CHECK(strlen(line) > 31 && line[4] == '-' && line[10] == 'T' && line[19] == '.');
	CHECK(line[29] == 'Z' && line[30] == ' ');
	snprintf(want, sizeof(want), "%s %c ", stream, tag);
	CHECK(strncmp(line + 31, want, strlen(want)) == 0);
	CHECK(strcmp(line + 31 + strlen(want), text) == 0);
}

static int test_cri_lines(void)
{
	static struct cri_stream s;
	static char big[CRI_MAX_LINE + 100], file[CRI_MAX_LINE * 3];
	char path[128], *lines[8], *save = NULL;
	int fd, n = 0;

	snprintf(path, sizeof(path), "%s/cri.log", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0600);
	CHECK(fd >= 0);
	cri_init(&s, "stdout", fd);
	cri_feed(&s, "hel", 3);
	cri_feed(&s, "lo\nsecond\nthi", 13);
	memset(big, 'x', sizeof(big));
	cri_feed(&s, "\n", 1);
	cri_feed(&s, big, sizeof(big));
	cri_feed(&s, "\ntail", 5);
	cri_flush(&s);
	close(fd);
	slurp(path, file, sizeof(file));
	for (char *l = strtok_r(file, "\n", &save); l && n < 8; l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	CHECK(n == 6);
	if (n == 6) {
		check_cri_line(lines[0], "stdout", 'F', "hello");
		check_cri_line(lines[1], "stdout", 'F', "second");
		check_cri_line(lines[2], "stdout", 'F', "thi");
		CHECK(strlen(lines[3]) == 31 + 9 + CRI_MAX_LINE && lines[3][38] == 'P');
		CHECK(strlen(lines[4]) == 31 + 9 + 100 && lines[4][38] == 'F');
		check_cri_line(lines[5], "stdout", 'F', "tail");
	}
	unlink(path);
	return 0;
}

static int test_exit_json(void)
{
	struct exit_status st = { .exit_code = 137, .signal = 9,
				  .started_at = { 1767366245, 1 }, .finished_at = { 1767366246, 2 } };
	char out[512], path[128], file[512];

	CHECK(exit_json(&st, out, sizeof(out)) > 0);
	CHECK_STR(out, "{\"exitCode\":137,\"signal\":9,\"startedAt\":\"2026-01-02T15:04:05.000000001Z\","
		       "\"finishedAt\":\"2026-01-02T15:04:06.000000002Z\"}\n");
	st = (struct exit_status){ .exit_code = 128, .start_error = "exec \"a\\b\": x\n" };
	CHECK(exit_json(&st, out, sizeof(out)) > 0);
	CHECK(strstr(out, "\"startError\":\"exec \\\"a\\\\b\\\": x\\u000a\"") != NULL);
	snprintf(path, sizeof(path), "%s/exit.json", tmpdir);
	CHECK(exit_file_write(path, &st) == 0);
	slurp(path, file, sizeof(file));
	CHECK_STR(file, out);
	CHECK(access(path, F_OK) == 0);
	unlink(path);
	return 0;
}

static int test_lookpath(void)
{
	char out[256], dir[128], exe[160], plain[160];
	int fd;

	snprintf(dir, sizeof(dir), "%s/bin", tmpdir);
	snprintf(exe, sizeof(exe), "%s/tool", dir);
	snprintf(plain, sizeof(plain), "%s/data", dir);
	CHECK(mkdir(dir, 0755) == 0);
	fd = open(exe, O_CREAT | O_WRONLY, 0755);
	close(fd);
	fd = open(plain, O_CREAT | O_WRONLY, 0644);
	close(fd);

	CHECK(lookpath("sh", "/nonexistent:/bin", out, sizeof(out)) == 0);
	CHECK_STR(out, "/bin/sh");
	CHECK(lookpath("tool", dir, out, sizeof(out)) == 0);
	CHECK_STR(out, exe);
	CHECK(lookpath("./rel/x", "/bin", out, sizeof(out)) == 0);
	CHECK_STR(out, "./rel/x");
	CHECK(lookpath("nosuch-minipod", "/bin:/usr/bin", out, sizeof(out)) == -ENOENT);
	CHECK(lookpath("", "/bin", out, sizeof(out)) == -ENOENT);
	CHECK(lookpath("bin", "/", out, sizeof(out)) == -ENOENT);  /* a dir is not a command */
	CHECK(lookpath("sh", NULL, out, sizeof(out)) == 0);        /* default PATH */
	CHECK(lookpath("sh", "/bin", out, 4) == -ENOENT);          /* too long to fit */
	/* even root fails access(X_OK) when no x bit is set */
	CHECK(lookpath("data", dir, out, sizeof(out)) == -EACCES);
	unlink(exe);
	unlink(plain);
	rmdir(dir);
	return 0;
}

static int test_errname(void)
{
	char buf[128];
	struct msg m;

	CHECK_STR(err_name(ENOENT), "ENOENT");
	CHECK_STR(err_name(EPERM), "EPERM");
	CHECK_STR(err_desc(ENOENT), "No such file or directory");
	CHECK_STR(err_name(99999), "EUNKNOWN");
	CHECK_STR(err_name(-1), "EUNKNOWN");
	CHECK_STR(err_desc(99999), "Unknown error");
	/* The own table says what glibc says, for every errno it knows. */
	for (int e = 0; e < 4096; e++) {
		const char *n = strerrorname_np(e), *d = strerrordesc_np(e);
		CHECK_STR(err_name(e), n ? n : "EUNKNOWN");
		CHECK_STR(err_desc(e), d ? d : "Unknown error");
	}
	msg_init(&m, buf, sizeof(buf));
	msg_fail(&m, EACCES, "mount proc on `", "/x/proc", "`", NULL);
	CHECK_STR(buf, "mount proc on `/x/proc`: EACCES: Permission denied");
	msg_init(&m, buf, 12);
	msg_add(&m, "truncated text here");
	CHECK(strlen(buf) == 11);
	msg_init(&m, buf, sizeof(buf));
	msg_add_long(&m, -42);
	msg_add_long(&m, 0);
	CHECK_STR(buf, "-420");
	return 0;
}

/* The mount(2) fallback of shim_mount_overlay, which this kernel (with
 * fsconfig lowerdir+) never takes on its own. */
static int test_overlay_classic(void)
{
	char low1[128], low2[128], merged[128], f[160], *lowers[3];
	int fd;

	SKIP_UNLESS_ROOT();
	snprintf(low1, sizeof(low1), "%s/o1", tmpdir);
	snprintf(low2, sizeof(low2), "%s/o2", tmpdir);
	snprintf(merged, sizeof(merged), "%s/merged", tmpdir);
	CHECK(mkdir(low1, 0755) == 0 && mkdir(low2, 0755) == 0 && mkdir(merged, 0755) == 0);
	snprintf(f, sizeof(f), "%s/only-in-2", low2);
	fd = open(f, O_CREAT | O_WRONLY, 0644);
	close(fd);
	lowers[0] = low1; lowers[1] = low2; lowers[2] = NULL;
	CHECK(overlay_mount_classic(merged, lowers, NULL, NULL) == 0);  /* read-only overlay */
	snprintf(f, sizeof(f), "%s/only-in-2", merged);
	CHECK(access(f, F_OK) == 0);
	CHECK(umount2(merged, 0) == 0);
	snprintf(f, sizeof(f), "%s/only-in-2", low2);
	unlink(f);
	rmdir(low1);
	rmdir(low2);
	rmdir(merged);
	return 0;
}

int main(void)
{
	int rc;

	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_config_pairs);
	RUN(test_config_errors);
	RUN(test_config_security);
	RUN(test_seccomp_filter_applies);
	RUN(test_op_parse);
	RUN(test_timestamp);
	RUN(test_cri_lines);
	RUN(test_exit_json);
	RUN(test_lookpath);
	RUN(test_errname);
	RUN(test_overlay_classic);
	rc = T_SUMMARY("test_unit");
	rmdir(tmpdir);
	return rc;
}
