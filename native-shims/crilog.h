/* CRI log lines: "<RFC3339Nano UTC> <stream> <F|P> <text>\n".
 * A line longer than CRI_MAX_LINE is split into P(artial) chunks and ends
 * with an F(ull) chunk; a last line without newline at EOF is written as F. */
#ifndef MINIPOD_CRILOG_H
#define MINIPOD_CRILOG_H

#include <stddef.h>
#include <time.h>

#define CRI_MAX_LINE (16 * 1024)
#define RFC3339_LEN 31   /* "2026-01-02T15:04:05.123456789Z" + NUL */

/* Formats ts as UTC "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" into out[RFC3339_LEN]. */
void format_rfc3339nano(const struct timespec *ts, char *out);

struct cri_stream {
	const char *name;          /* "stdout" / "stderr" */
	int log_fd;
	size_t len;
	char buf[CRI_MAX_LINE];
};

void cri_init(struct cri_stream *s, const char *name, int log_fd);
/* Feeds bytes read from the container; writes every complete line. */
int cri_feed(struct cri_stream *s, const char *data, size_t n);
/* End of stream: writes a pending partial line as F. */
int cri_flush(struct cri_stream *s);
/* Writes one record; exposed for tests. */
int cri_write_line(int fd, const char *stream, char tag, const char *text, size_t n);

#endif
