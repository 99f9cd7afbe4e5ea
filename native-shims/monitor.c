/* minipod-monitor: parent of one container (`run`) or of one exec'd
 * process (`exec`). Config arrives on fd 3; see docs/internals.md. */
#include "monitor.h"

#include "errmsg.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONFIG_FD 3

/* Pipes created later must never land on 0..2 (they get dup2'd over). */
static void ensure_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int n = open("/dev/null", O_RDWR);
			if (n >= 0 && n != fd) {
				dup2(n, fd);
				close(n);
			}
		}
	}
}

static int usage(void)
{
	fprintf(stderr, "usage: minipod-monitor run|exec  (config on fd 3)\n");
	return 2;
}

/* Config errors follow the usual "stage: ENAME: message" shape. */
static int config_error(int is_run, int errnum, const char *detail)
{
	if (is_run)
		dprintf(1, "error read config: %s: %s\n", err_name(errnum), detail);
	else
		fprintf(stderr, "minipod: read config: %s: %s\n", err_name(errnum), detail);
	return is_run ? 1 : 126;
}

int enter_pidns(const char *path, int create)
{
	int fd, rc;

	if (!path)
		return create ? unshare(CLONE_NEWPID) : 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = setns(fd, CLONE_NEWPID);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

int main(int argc, char **argv)
{
	struct config cfg;
	char err[MSG_MAX];
	size_t len;
	char *buf;
	int is_run, rc;

	if (argc != 2 || (strcmp(argv[1], "run") != 0 && strcmp(argv[1], "exec") != 0))
		return usage();
	is_run = strcmp(argv[1], "run") == 0;
	ensure_std_fds();
	buf = config_read_fd(CONFIG_FD, &len);
	if (!buf)
		return config_error(is_run, errno, "cannot read fd 3");
	close(CONFIG_FD);
	if (config_parse(&cfg, buf, len, err, sizeof(err)) < 0)
		return config_error(is_run, EINVAL, err);
	rc = is_run ? monitor_run(&cfg) : monitor_exec(&cfg);
	config_free(&cfg);
	free(buf);
	return rc;
}
