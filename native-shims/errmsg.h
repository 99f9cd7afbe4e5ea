/* Error names and an async-signal-safe "stage: ENAME: message" builder.
 * Everything here is safe between clone()/fork() and execve(): no malloc,
 * no stdio, no locale (strerror() may allocate and translate). */
#ifndef MINIPOD_ERRMSG_H
#define MINIPOD_ERRMSG_H

#include <stddef.h>

const char *err_name(int errnum);   /* "ENOENT"; "EUNKNOWN" if unknown */
const char *err_desc(int errnum);   /* "No such file or directory" */

struct msg {
	char *buf;
	size_t cap;
	size_t len;
};

void msg_init(struct msg *m, char *buf, size_t cap);
void msg_add(struct msg *m, const char *s);
void msg_add_long(struct msg *m, long v);
/* Writes "<parts...>: ENAME: description" (parts NULL-terminated),
 * replacing what was in m. */
void msg_fail(struct msg *m, int errnum, ...) __attribute__((sentinel));
/* Same but with a custom description instead of err_desc(errnum). */
void msg_fail_desc(struct msg *m, int errnum, const char *desc, ...) __attribute__((sentinel));

#endif
