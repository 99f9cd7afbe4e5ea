/* exec mode: run one process inside a running container, with the
 * caller's fds 0/1/2, and exit with its status. */
#include "monitor.h"

#include "child.h"
#include "errmsg.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* write(2) only: also used in the forked child. */
static void print_error(const struct msg *m)
{
	char line[MSG_MAX + 16];
	struct msg l;

	msg_init(&l, line, sizeof(line));
	msg_add(&l, "minipod: ");
	msg_add(&l, m->buf);
	msg_add(&l, "\n");
	(void)!write(2, line, l.len);
}

static int fail(struct msg *m)
{
	print_error(m);
	return 126;
}

static volatile pid_t child_pid;

static void forward(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

/* A daemon that gives up on an exec signals the monitor; pass it on so the
 * process in the container does not outlive its session. */
static void setup_forwarding(pid_t pid)
{
	struct sigaction sa;
	int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

	child_pid = pid;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward;
	sa.sa_flags = SA_RESTART;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

static int wait_child(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 126;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int monitor_exec(const struct config *c)
{
	char buf[MSG_MAX];
	struct msg m;
	int *ns_fds = calloc(c->nns + 1, sizeof(int));
	pid_t pid;

	msg_init(&m, buf, sizeof(buf));
	if (!ns_fds) {
		msg_fail(&m, ENOMEM, "allocate", NULL);
		return fail(&m);
	}
	if (enter_pidns(c->pidns, 0) < 0) {
		msg_fail(&m, errno, "join pid namespace `", c->pidns, "`", NULL);
		return fail(&m);
	}
	if (open_ns_fds(c, ns_fds, &m) < 0)
		return fail(&m);
	pid = fork();
	if (pid < 0) {
		msg_fail(&m, errno, "fork", NULL);
		return fail(&m);
	}
	if (pid == 0) {
		struct child_plan p = { c, ns_fds, -1, -1, -1, -1 };
		int not_found;
		child_exec_process(&p, &m, &not_found);
		print_error(&m);
		_exit(not_found ? 127 : 126);
	}
	for (size_t i = 0; i < c->nns; i++)
		close(ns_fds[i]);
	free(ns_fds);
	setup_forwarding(pid);
	return wait_child(pid);
}
