#include "crilog.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>

void format_rfc3339nano(const struct timespec *ts, char *out)
{
	struct tm tm;
	time_t t = ts->tv_sec;
	char tmp[128];  /* roomy: gcc cannot bound the tm fields */

	gmtime_r(&t, &tm);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec, ts->tv_nsec);
	memcpy(out, tmp, RFC3339_LEN - 1);
	out[RFC3339_LEN - 1] = '\0';
}

static int write_all_v(int fd, struct iovec *iov, int cnt)
{
	while (cnt > 0) {
		ssize_t n = writev(fd, iov, cnt);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		while (cnt > 0 && (size_t)n >= iov->iov_len) {
			n -= (ssize_t)iov->iov_len;
			iov++;
			cnt--;
		}
		if (cnt > 0) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= (size_t)n;
		}
	}
	return 0;
}

/* One writev per record on an O_APPEND fd keeps records whole. */
int cri_write_line(int fd, const char *stream, char tag, const char *text, size_t n)
{
	struct timespec now;
	char head[RFC3339_LEN + 16];
	struct iovec iov[3];

	clock_gettime(CLOCK_REALTIME, &now);
	format_rfc3339nano(&now, head);
	snprintf(head + strlen(head), sizeof(head) - strlen(head), " %s %c ", stream, tag);
	iov[0] = (struct iovec){ head, strlen(head) };
	iov[1] = (struct iovec){ (void *)text, n };
	iov[2] = (struct iovec){ "\n", 1 };
	return write_all_v(fd, iov, 3);
}

void cri_init(struct cri_stream *s, const char *name, int log_fd)
{
	s->name = name;
	s->log_fd = log_fd;
	s->len = 0;
}

int cri_feed(struct cri_stream *s, const char *data, size_t n)
{
	int rc = 0;

	while (n > 0) {
		size_t room = CRI_MAX_LINE - s->len;
		size_t take = n < room ? n : room;
		const char *nl = memchr(data, '\n', take);

		if (nl) {
			take = (size_t)(nl - data) + 1;
			memcpy(s->buf + s->len, data, take - 1);
			s->len += take - 1;
			rc |= cri_write_line(s->log_fd, s->name, 'F', s->buf, s->len);
			s->len = 0;
		} else {
			memcpy(s->buf + s->len, data, take);
			s->len += take;
			if (s->len == CRI_MAX_LINE) {
				rc |= cri_write_line(s->log_fd, s->name, 'P', s->buf, s->len);
				s->len = 0;
			}
		}
		data += take;
		n -= take;
	}
	return rc;
}

int cri_flush(struct cri_stream *s)
{
	int rc = 0;

	if (s->len)
		rc = cri_write_line(s->log_fd, s->name, 'F', s->buf, s->len);
	s->len = 0;
	return rc;
}
