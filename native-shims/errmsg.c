#include "errmsg.h"

#include <stdarg.h>
#include <string.h>

/* glibc's *_np lookups index a static table: async-signal-safe. */
const char *err_name(int errnum)
{
	const char *s = strerrorname_np(errnum);
	return s ? s : "EUNKNOWN";
}

const char *err_desc(int errnum)
{
	const char *s = strerrordesc_np(errnum);
	return s ? s : "Unknown error";
}

void msg_init(struct msg *m, char *buf, size_t cap)
{
	m->buf = buf;
	m->cap = cap;
	m->len = 0;
	if (cap)
		buf[0] = '\0';
}

void msg_add(struct msg *m, const char *s)
{
	if (!m->cap || !s)
		return;
	while (*s && m->len + 1 < m->cap)
		m->buf[m->len++] = *s++;
	m->buf[m->len] = '\0';
}

void msg_add_long(struct msg *m, long v)
{
	char tmp[24];
	int i = sizeof(tmp) - 1;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	tmp[i] = '\0';
	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	msg_add(m, tmp + i);
}

static void add_parts(struct msg *m, va_list ap)
{
	const char *s;

	while ((s = va_arg(ap, const char *)))
		msg_add(m, s);
}

void msg_fail(struct msg *m, int errnum, ...)
{
	va_list ap;

	m->len = 0;
	va_start(ap, errnum);
	add_parts(m, ap);
	va_end(ap);
	msg_add(m, ": ");
	msg_add(m, err_name(errnum));
	msg_add(m, ": ");
	msg_add(m, err_desc(errnum));
}

void msg_fail_desc(struct msg *m, int errnum, const char *desc, ...)
{
	va_list ap;

	m->len = 0;
	va_start(ap, desc);
	add_parts(m, ap);
	va_end(ap);
	msg_add(m, ": ");
	msg_add(m, err_name(errnum));
	msg_add(m, ": ");
	msg_add(m, desc);
}
