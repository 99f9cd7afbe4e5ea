/* The exit file the daemon reads; written atomically (tmp + fsync + rename):
 * {"exitCode":N,"signal":S,"startedAt":"..","finishedAt":".."}
 * {"exitCode":128,"signal":0,"startError":"..","startedAt":"..","finishedAt":".."} */
#ifndef MINIPOD_EXITFILE_H
#define MINIPOD_EXITFILE_H

#include <stddef.h>
#include <time.h>

struct exit_status {
	int exit_code;
	int signal;
	const char *start_error;     /* NULL unless the container never started */
	struct timespec started_at, finished_at;
};

/* Renders the JSON document (with trailing newline); returns its length or
 * -1 if it does not fit. */
int exit_json(const struct exit_status *st, char *out, size_t outlen);
/* Returns 0 or -errno. */
int exit_file_write(const char *path, const struct exit_status *st);

#endif
