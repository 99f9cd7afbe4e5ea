/* pause: PID 1 of a pod. Holds the pod's namespaces, reaps every orphan
 * reparented to it, exits 0 on SIGINT/SIGTERM. */
#include "errmsg.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* PID 1 drops signals it has no handler for; a handler (even an empty one)
 * makes SIGTERM deliverable. We still take them synchronously below. */
static void noop(int sig)
{
	(void)sig;
}

static int setup_signals(sigset_t *set)
{
	struct sigaction sa;
	int sigs[] = { SIGCHLD, SIGINT, SIGTERM };

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = noop;
	sigemptyset(set);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaddset(set, sigs[i]);
		if (sigaction(sigs[i], &sa, NULL) < 0)
			return -1;
	}
	return sigprocmask(SIG_BLOCK, set, NULL);
}

static void reap_all(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

int main(void)
{
	sigset_t set;
	char buf[160];
	struct msg m;

	/* No stdio: it would be most of this binary's resident memory. */
	if (setup_signals(&set) < 0) {
		msg_init(&m, buf, sizeof(buf));
		msg_fail(&m, errno, "pause: setup signals", NULL);
		msg_add(&m, "\n");
		(void)!write(2, m.buf, m.len);
		return 1;
	}
	for (;;) {
		/* Reap before waiting: a SIGCHLD that arrives in between stays
		 * pending (blocked), so sigwaitinfo returns at once. */
		reap_all();
		int sig = sigwaitinfo(&set, NULL);
		if (sig == SIGINT || sig == SIGTERM)
			return 0;
	}
}
