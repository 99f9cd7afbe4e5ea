/* run mode: parent of one container. Reads like the lifecycle:
 * set up -> spawn -> await exec -> report -> relay logs -> wait -> exit file
 * -> drain. */
#include "monitor.h"

#include "child.h"
#include "crilog.h"
#include "errmsg.h"
#include "exitfile.h"
#include "sysx.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SYNC_FD 1
#define DRAIN_LIMIT_NS 1000000000L  /* a chatty orphan must not keep us forever */

struct run {
	int log_fd;
	int out[2], err[2], errpipe[2];
	int devnull;
	int *ns_fds;
	pid_t pid;
	int pidfd;
	struct cri_stream *streams[2];
	struct exit_status st;
};

static void now(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

/* The daemon may die or signal its process group; we must outlive it. */
static void setup_monitor_signals(void)
{
	signal(SIGTERM, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
}

static int setup_log(const struct config *c, struct run *r, struct msg *m)
{
	r->log_fd = open(c->log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (r->log_fd < 0)
		return msg_fail(m, errno, "open log `", c->log, "`", NULL), -1;
	return 0;
}

static int setup_pidns(const struct config *c, struct msg *m)
{
	if (enter_pidns(c->pidns, 1) == 0)
		return 0;
	if (c->pidns)
		msg_fail(m, errno, "join pid namespace `", c->pidns, "`", NULL);
	else
		msg_fail(m, errno, "unshare pid namespace", NULL);
	return -1;
}

static int setup_pipes(struct run *r, struct msg *m)
{
	if (pipe2(r->out, O_CLOEXEC) < 0 || pipe2(r->err, O_CLOEXEC) < 0 ||
	    pipe2(r->errpipe, O_CLOEXEC) < 0)
		return msg_fail(m, errno, "create pipes", NULL), -1;
	/* The new root may have no /dev yet: open the container's stdin here. */
	r->devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (r->devnull < 0)
		return msg_fail(m, errno, "open `/dev/null`", NULL), -1;
	return 0;
}

static int setup_ns_fds(const struct config *c, struct run *r, struct msg *m)
{
	r->ns_fds = calloc(c->nns + 1, sizeof(int));
	if (!r->ns_fds)
		return msg_fail(m, ENOMEM, "allocate", NULL), -1;
	return open_ns_fds(c, r->ns_fds, m);
}

static void child_main(const struct config *c, struct run *r, struct msg *m)
{
	struct child_plan p = { c, r->ns_fds, r->out[1], r->err[1], r->devnull, r->errpipe[1] };
	int not_found;

	child_run_container(&p, m, &not_found);
	(void)!write(r->errpipe[1], m->buf, m->len);
	_exit(127);
}

static int spawn_container(const struct config *c, struct run *r, struct msg *m)
{
	r->pid = fork();
	if (r->pid < 0 && c->pidns)  /* ENOMEM here: the pod's pid 1 is gone */
		return msg_fail(m, errno, "fork into pid namespace `", c->pidns, "`", NULL), -1;
	if (r->pid < 0)
		return msg_fail(m, errno, "fork", NULL), -1;
	if (r->pid == 0)
		child_main(c, r, m);
	close(r->out[1]);
	close(r->err[1]);
	close(r->errpipe[1]);
	close(r->devnull);
	for (size_t i = 0; i < c->nns; i++)
		close(r->ns_fds[i]);
	r->pidfd = sys_pidfd_open(r->pid);
	return 0;
}

/* EOF on the O_CLOEXEC error pipe means execve succeeded. */
static int await_exec(struct run *r, struct msg *m)
{
	size_t n = 0;
	ssize_t got;

	for (;;) {
		got = read(r->errpipe[0], m->buf + n, m->cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || (n += (size_t)got) == m->cap - 1)
			break;
	}
	close(r->errpipe[0]);
	m->buf[n] = '\0';
	m->len = n;
	return n ? -1 : 0;
}

static int wait_status(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}

/* fd 1 is the daemon's sync pipe: one line, then it goes away. */
static void report(const char *word, const char *text)
{
	dprintf(SYNC_FD, "%s %s\n", word, text);
	int fd = open("/dev/null", O_WRONLY);
	if (fd >= 0 && fd != SYNC_FD) {
		dup2(fd, SYNC_FD);
		close(fd);
	}
}

static int report_start_error(const struct config *c, struct msg *m)
{
	struct exit_status st = { .exit_code = 128, .start_error = m->buf };

	now(&st.started_at);
	st.finished_at = st.started_at;
	report("error", m->buf);
	if (exit_file_write(c->exit, &st) < 0)
		return 1;
	return 0;
}

/* Reads once from a ready pipe; closes it at EOF. The buffer is on the
 * stack, and every page a burst ever touched stays resident for the life
 * of the container: 16 KiB, not a whole 64 KiB pipe. */
static void relay_once(struct pollfd *p, struct cri_stream *s)
{
	char buf[16 * 1024];
	ssize_t n = read(p->fd, buf, sizeof(buf));

	if (n > 0) {
		cri_feed(s, buf, (size_t)n);
	} else if (n == 0 || errno != EINTR) {
		close(p->fd);
		p->fd = -1;
	}
}

static void record_exit(struct run *r)
{
	int status = wait_status(r->pid);

	now(&r->st.finished_at);
	if (status >= 0 && WIFSIGNALED(status)) {
		r->st.signal = WTERMSIG(status);
		r->st.exit_code = 128 + r->st.signal;
	} else {
		r->st.exit_code = status >= 0 ? WEXITSTATUS(status) : 255;
	}
}

static void relay_until_exit(struct run *r, struct pollfd *p)
{
	int exited = 0;

	while (!exited) {
		if (poll(p, 3, -1) < 0)
			continue;
		for (int i = 0; i < 2; i++)
			if (p[i].fd >= 0 && p[i].revents)
				relay_once(&p[i], r->streams[i]);
		if (p[2].revents)
			exited = 1;
	}
	record_exit(r);
}

/* After the exit: take what is ready now, stop when nothing is ready (an
 * orphan may hold the write ends open forever). */
static void drain(struct run *r, struct pollfd *p)
{
	struct timespec start, t;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (p[0].fd >= 0 || p[1].fd >= 0) {
		if (poll(p, 2, 0) <= 0)
			break;
		for (int i = 0; i < 2; i++)
			if (p[i].fd >= 0 && p[i].revents)
				relay_once(&p[i], r->streams[i]);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if ((t.tv_sec - start.tv_sec) * 1000000000L + t.tv_nsec - start.tv_nsec > DRAIN_LIMIT_NS)
			break;
	}
	for (int i = 0; i < 2; i++) {
		cri_flush(r->streams[i]);
		if (p[i].fd >= 0)
			close(p[i].fd);
	}
}

/* The exit file is written the moment the exit is known, before the drain: the
 * verdict must survive even if the monitor is killed while draining. The daemon
 * reads it once the monitor has exited, when the log is complete too. */
static int relay_and_wait(struct run *r, const char *exit_path)
{
	int rc;

	struct pollfd p[3] = {
		{ .fd = r->out[0], .events = POLLIN },
		{ .fd = r->err[0], .events = POLLIN },
		{ .fd = r->pidfd, .events = POLLIN },
	};

	cri_init(r->streams[0], "stdout", r->log_fd);
	cri_init(r->streams[1], "stderr", r->log_fd);
	relay_until_exit(r, p);
	rc = exit_file_write(exit_path, &r->st);
	drain(r, p);
	return rc;
}

static int check_config(const struct config *c, struct msg *m)
{
	if (c->log && c->exit)
		return 0;
	msg_fail_desc(m, EINVAL, "`log` and `exit` are required", "read config", NULL);
	return -1;
}

int monitor_run(const struct config *c)
{
	static struct cri_stream out_stream, err_stream;
	struct run r = { .log_fd = -1, .pidfd = -1, .streams = { &out_stream, &err_stream } };
	char buf[MSG_MAX], pid[24];
	struct msg m;

	msg_init(&m, buf, sizeof(buf));
	setup_monitor_signals();
	if (check_config(c, &m) < 0) {
		report("error", m.buf);
		return 1;
	}
	if (setup_log(c, &r, &m) < 0 || setup_pidns(c, &m) < 0 || setup_ns_fds(c, &r, &m) < 0 ||
	    setup_pipes(&r, &m) < 0 || spawn_container(c, &r, &m) < 0)
		return report_start_error(c, &m);
	if (await_exec(&r, &m) < 0) {
		wait_status(r.pid);
		return report_start_error(c, &m);
	}
	if (r.pidfd < 0) {
		/* Cannot watch the child without a pidfd; should not happen on 5.3+. */
		msg_fail(&m, errno, "pidfd_open", NULL);
		kill(r.pid, SIGKILL);
		wait_status(r.pid);
		return report_start_error(c, &m);
	}
	now(&r.st.started_at);
	snprintf(pid, sizeof(pid), "%d", (int)r.pid);
	report("started", pid);
	return relay_and_wait(&r, c->exit) < 0 ? 1 : 0;
}
