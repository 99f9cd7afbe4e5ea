/* The monitor's forked child: everything between fork() and execve().
 * Each setup_* step returns 0 or -1 with m holding "stage: ENAME: message".
 * Only async-signal-safe calls (the monitor is single-threaded, but the
 * rule keeps the code reusable from a vfork-style clone). */
#ifndef MINIPOD_CHILD_H
#define MINIPOD_CHILD_H

#include "config.h"
#include "errmsg.h"

struct child_plan {
	const struct config *cfg;
	const int *ns_fds;     /* one per cfg->ns entry, opened before fork */
	int stdout_fd, stderr_fd;  /* run: pipe write ends; exec: -1 (inherit) */
	int devnull_fd;        /* run: stdin, opened before the root changes */
	int err_fd;            /* run: O_CLOEXEC error pipe; exec: -1 */
};

/* Both only return on failure; *not_found is set when the command does not
 * exist (exec mode exits 127 then, else 126). */
void child_run_container(const struct child_plan *p, struct msg *m, int *not_found);
void child_exec_process(const struct child_plan *p, struct msg *m, int *not_found);

/* Opens every ns entry; on failure closes what was opened. */
int open_ns_fds(const struct config *c, int *fds, struct msg *m);

#endif
