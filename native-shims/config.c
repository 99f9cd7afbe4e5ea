#include "config.h"

#include "security.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int push(void **arr, size_t *n, size_t size, const void *item)
{
	char *p = realloc(*arr, (*n + 1) * size);

	if (!p)
		return -1;
	memcpy(p + *n * size, item, size);
	*arr = p;
	(*n)++;
	return 0;
}

static int strv_push(struct strv *s, const char *str)
{
	const char **p = realloc(s->v, (s->n + 2) * sizeof(*p));

	if (!p)
		return -1;
	p[s->n++] = str;
	p[s->n] = NULL;
	s->v = p;
	return 0;
}

static int parse_ulong(const char *s, int base, unsigned long *out)
{
	char *end;

	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, base);
	return errno || *end ? -1 : 0;
}

static const char *dash_null(const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : s;
}

/* Splits value at tabs into at most max fields; returns the field count. */
static size_t split_tabs(char *value, char **f, size_t max)
{
	size_t n = 0;

	f[n++] = value;
	for (char *p = value; *p; p++) {
		if (*p != '\t')
			continue;
		if (n == max)
			return max + 1;
		*p = '\0';
		f[n++] = p + 1;
	}
	return n;
}

static int op_fields(struct op *op, char **f, size_t n, char *err, size_t errlen)
{
	unsigned long v;

	if (strcmp(f[0], "mount") == 0 && n == 6) {
		op->kind = OP_MOUNT;
		op->src = dash_null(f[1]);
		op->target = f[2];
		op->fstype = dash_null(f[3]);
		op->data = dash_null(f[5]);
		if (parse_ulong(f[4], 10, &op->flags) < 0)
			goto bad_number;
		return 0;
	}
	if (strcmp(f[0], "mkdir") == 0 && n == 3) {
		op->kind = OP_MKDIR;
		op->path = f[1];
		if (parse_ulong(f[2], 8, &v) < 0)
			goto bad_number;
		op->mode = (mode_t)v;
		return 0;
	}
	if (strcmp(f[0], "mknod") == 0 && n == 5) {
		unsigned long ma, mi;
		op->kind = OP_MKNOD;
		op->path = f[1];
		if (parse_ulong(f[2], 8, &v) < 0 || parse_ulong(f[3], 10, &ma) < 0 ||
		    parse_ulong(f[4], 10, &mi) < 0)
			goto bad_number;
		op->mode = (mode_t)v;
		op->major = (unsigned)ma;
		op->minor = (unsigned)mi;
		return 0;
	}
	if (strcmp(f[0], "symlink") == 0 && n == 3) {
		op->kind = OP_SYMLINK;
		op->target = f[1];
		op->path = f[2];
		return 0;
	}
	if ((strcmp(f[0], "mask") == 0 || strcmp(f[0], "readonly") == 0) && n == 2) {
		op->kind = f[0][0] == 'm' ? OP_MASK : OP_READONLY;
		op->path = f[1];
		return 0;
	}
	if (strcmp(f[0], "write") == 0 && n == 3) {
		op->kind = OP_WRITE;
		op->path = f[1];
		op->data = f[2];
		return 0;
	}
	if (strcmp(f[0], "makeprivate") == 0 && n == 1) {
		op->kind = OP_MAKEPRIVATE;
		return 0;
	}
	snprintf(err, errlen, "parse op `%s`: unknown op or wrong field count (%zu)", f[0], n);
	return -1;
bad_number:
	snprintf(err, errlen, "parse op `%s`: bad number", f[0]);
	return -1;
}

int op_parse(struct op *op, char *value, char *err, size_t errlen)
{
	char *f[6];
	size_t n = split_tabs(value, f, 6);

	memset(op, 0, sizeof(*op));
	if (n > 6) {
		snprintf(err, errlen, "parse op `%s`: too many fields", f[0]);
		return -1;
	}
	return op_fields(op, f, n, err, errlen);
}

static int parse_ns(struct config *c, const char *value, char *err, size_t errlen)
{
	static const struct { const char *name; int type; } types[] = {
		{ "net", CLONE_NEWNET }, { "ipc", CLONE_NEWIPC }, { "uts", CLONE_NEWUTS },
		{ "mnt", CLONE_NEWNS }, { "cgroup", CLONE_NEWCGROUP },
	};
	const char *sp = strchr(value, ' ');

	for (size_t i = 0; sp && i < sizeof(types) / sizeof(types[0]); i++) {
		size_t len = strlen(types[i].name);
		if ((size_t)(sp - value) != len || strncmp(value, types[i].name, len) != 0)
			continue;
		struct ns_entry e = { types[i].type, types[i].name, sp + 1 };
		return push((void **)&c->ns, &c->nns, sizeof(e), &e);
	}
	snprintf(err, errlen, "parse ns `%s`: want `TYPE PATH` with TYPE net, ipc, uts, mnt or cgroup", value);
	return -1;
}

/* "mnt", "cgroup", or both separated by spaces or commas; repeatable. */
static int parse_newns(struct config *c, char *value, char *err, size_t errlen)
{
	char *save = NULL;

	for (char *t = strtok_r(value, " ,", &save); t; t = strtok_r(NULL, " ,", &save)) {
		if (strcmp(t, "mnt") == 0)
			c->newns |= CLONE_NEWNS;
		else if (strcmp(t, "cgroup") == 0)
			c->newns |= CLONE_NEWCGROUP;
		else {
			snprintf(err, errlen, "parse newns `%s`: want mnt or cgroup", t);
			return -1;
		}
	}
	return 0;
}

static int parse_groups(struct config *c, char *value, char *err, size_t errlen)
{
	char *save = NULL;
	unsigned long g;

	c->has_groups = 1;
	for (char *t = strtok_r(value, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		gid_t gid;
		if (parse_ulong(t, 10, &g) < 0) {
			snprintf(err, errlen, "parse groups: bad gid `%s`", t);
			return -1;
		}
		gid = (gid_t)g;
		if (push((void **)&c->groups, &c->ngroups, sizeof(gid), &gid) < 0)
			return -1;
	}
	return 0;
}

static int parse_id(const char *key, const char *value, unsigned *out, int *has,
		    char *err, size_t errlen)
{
	unsigned long v;

	if (parse_ulong(value, 10, &v) < 0 || v > 0xffffffffUL) {
		snprintf(err, errlen, "parse %s: bad id `%s`", key, value);
		return -1;
	}
	*out = (unsigned)v;
	*has = 1;
	return 0;
}

static int add_op(struct op **ops, size_t *n, char *value, char *err, size_t errlen)
{
	struct op op;

	if (op_parse(&op, value, err, errlen) < 0)
		return -1;
	return push((void **)ops, n, sizeof(op), &op);
}

static int set_once(const char **slot, const char *key, char *value, char *err, size_t errlen)
{
	if (*slot) {
		snprintf(err, errlen, "duplicate key `%s`", key);
		return -1;
	}
	*slot = value;
	return 0;
}

/* -1000..1000, kept as text: the child writes it to /proc/self/oom_score_adj. */
static int parse_oom_score_adj(struct config *c, char *value, char *err, size_t errlen)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < -1000 || v > 1000) {
		snprintf(err, errlen, "bad oom_score_adj `%s` (-1000..1000)", value);
		return -1;
	}
	return set_once(&c->oom_score_adj, "oom_score_adj", value, err, errlen);
}

static int apply_pair(struct config *c, const char *key, char *value, char *err, size_t errlen)
{
	const struct { const char *key; const char **slot; } single[] = {
		{ "log", &c->log }, { "exit", &c->exit }, { "pidns", &c->pidns },
		{ "root", &c->root }, { "cwd", &c->cwd }, { "path", &c->path },
	};

	for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++)
		if (strcmp(key, single[i].key) == 0)
			return set_once(single[i].slot, key, value, err, errlen);
	if (strcmp(key, "ns") == 0)
		return parse_ns(c, value, err, errlen);
	if (strcmp(key, "cgroup") == 0)
		return strv_push(&c->cgroups, value);
	if (strcmp(key, "newns") == 0)
		return parse_newns(c, value, err, errlen);
	if (strcmp(key, "op") == 0)
		return add_op(&c->ops, &c->nops, value, err, errlen);
	if (strcmp(key, "postop") == 0)
		return add_op(&c->postops, &c->npostops, value, err, errlen);
	if (strcmp(key, "uid") == 0)
		return parse_id(key, value, &c->uid, &c->has_uid, err, errlen);
	if (strcmp(key, "gid") == 0)
		return parse_id(key, value, &c->gid, &c->has_gid, err, errlen);
	if (strcmp(key, "groups") == 0)
		return parse_groups(c, value, err, errlen);
	if (strcmp(key, "oom_score_adj") == 0)
		return parse_oom_score_adj(c, value, err, errlen);
	if (strcmp(key, "rlimit") == 0) {
		struct rlimit_entry r;
		return rlimit_parse(&r, value, err, errlen) < 0 ? -1
			: push((void **)&c->rlimits, &c->nrlimits, sizeof(r), &r);
	}
	if (strcmp(key, "caps") == 0) {
		if (c->has_caps++)
			return snprintf(err, errlen, "duplicate key `caps`"), -1;
		return caps_parse(&c->caps, value, err, errlen);
	}
	if (strcmp(key, "nonewprivs") == 0) {
		if (strcmp(value, "1") != 0)
			return snprintf(err, errlen, "parse nonewprivs `%s`: want 1", value), -1;
		return c->no_new_privs++ ? (snprintf(err, errlen, "duplicate key `nonewprivs`"), -1) : 0;
	}
	if (strcmp(key, "seccomp") == 0) {
		if (c->seccomp.bytes)
			return snprintf(err, errlen, "duplicate key `seccomp`"), -1;
		return seccomp_parse(&c->seccomp, value, err, errlen);
	}
	if (strcmp(key, "arg") == 0)
		return strv_push(&c->args, value);
	if (strcmp(key, "env") == 0)
		return strv_push(&c->env, value);
	snprintf(err, errlen, "unknown key `%s`", key);
	return -1;
}

int config_parse(struct config *c, char *buf, size_t len, char *err, size_t errlen)
{
	size_t i = 0;

	memset(c, 0, sizeof(*c));
	snprintf(err, errlen, "out of memory");
	while (i < len) {
		char *key = buf + i;
		char *kend = memchr(key, '\0', len - i);
		if (!kend || kend + 1 >= buf + len) {
			snprintf(err, errlen, "key `%.40s` without a NUL-terminated value", key);
			return -1;
		}
		char *value = kend + 1;
		char *vend = memchr(value, '\0', (size_t)(buf + len - value));
		if (!vend) {
			snprintf(err, errlen, "value of `%s` is not NUL-terminated", key);
			return -1;
		}
		if (apply_pair(c, key, value, err, errlen) < 0)
			return -1;
		i = (size_t)(vend + 1 - buf);
	}
	if (c->args.n == 0) {
		snprintf(err, errlen, "no `arg`");
		return -1;
	}
	if (!c->env.v && !(c->env.v = calloc(1, sizeof(char *))))
		return -1;
	err[0] = '\0';
	return 0;
}

char *config_read_fd(int fd, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	ssize_t r;

	lseek(fd, 0, SEEK_SET);  /* ESPIPE for a pipe: fine, read from here */
	while (buf) {
		if (n == cap) {
			char *p = realloc(buf, cap *= 2);
			if (!p)
				break;
			buf = p;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0) {
				*len = n;
				return buf;
			}
			break;
		}
		n += (size_t)r;
	}
	free(buf);
	return NULL;
}

void config_free(struct config *c)
{
	free(c->ns);
	free(c->cgroups.v);
	free(c->args.v);
	free(c->env.v);
	free(c->ops);
	free(c->postops);
	free(c->groups);
	free(c->rlimits);
	free(c->seccomp.bytes);
	memset(c, 0, sizeof(*c));
}
