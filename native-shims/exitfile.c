#include "exitfile.h"

#include "crilog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* JSON string escaping for the startError text. */
static void json_escape(const char *s, char *out, size_t outlen)
{
	size_t n = 0;

	for (; *s && n + 7 < outlen; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out[n++] = '\\';
			out[n++] = (char)c;
		} else if (c < 0x20) {
			n += (size_t)snprintf(out + n, outlen - n, "\\u%04x", c);
		} else {
			out[n++] = (char)c;
		}
	}
	out[n] = '\0';
}

int exit_json(const struct exit_status *st, char *out, size_t outlen)
{
	char started[RFC3339_LEN], finished[RFC3339_LEN], esc[4096];
	int n;

	format_rfc3339nano(&st->started_at, started);
	format_rfc3339nano(&st->finished_at, finished);
	if (st->start_error) {
		json_escape(st->start_error, esc, sizeof(esc));
		n = snprintf(out, outlen,
			     "{\"exitCode\":%d,\"signal\":%d,\"startError\":\"%s\","
			     "\"startedAt\":\"%s\",\"finishedAt\":\"%s\"}\n",
			     st->exit_code, st->signal, esc, started, finished);
	} else {
		n = snprintf(out, outlen,
			     "{\"exitCode\":%d,\"signal\":%d,\"startedAt\":\"%s\",\"finishedAt\":\"%s\"}\n",
			     st->exit_code, st->signal, started, finished);
	}
	return n < 0 || (size_t)n >= outlen ? -1 : n;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int exit_file_write(const char *path, const struct exit_status *st)
{
	char json[8192], *tmp;
	int fd, n, rc = 0;

	n = exit_json(st, json, sizeof(json));
	if (n < 0)
		return -E2BIG;
	if (asprintf(&tmp, "%s.tmp", path) < 0)
		return -ENOMEM;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_all(fd, json, (size_t)n) < 0 || fsync(fd) < 0)
		rc = -errno;
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
