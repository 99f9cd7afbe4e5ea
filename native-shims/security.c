#include "security.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FAIL(...) (msg_fail(m, errno, __VA_ARGS__, NULL), -1)

/* Kernel ABI constants, kept here: the static build uses no linux/ headers. */
#define CAP_VERSION_3 0x20080522
#define SECCOMP_MODE_FILTER_OP 1   /* SECCOMP_SET_MODE_FILTER */
#define MAX_CAP 63
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

struct cap_header { uint32_t version; int pid; };
struct cap_data { uint32_t effective, permitted, inheritable; };
struct sock_fprog_abi { unsigned short len; const void *filter; };

static const struct { const char *name; int resource; } RLIMITS[] = {
	{ "cpu", 0 }, { "fsize", 1 }, { "data", 2 }, { "stack", 3 }, { "core", 4 }, { "rss", 5 },
	{ "nproc", 6 }, { "nofile", 7 }, { "memlock", 8 }, { "as", 9 }, { "locks", 10 },
	{ "sigpending", 11 }, { "msgqueue", 12 }, { "nice", 13 }, { "rtprio", 14 }, { "rttime", 15 },
};

/* "unlimited" or a decimal number. */
static int parse_limit(const char *s, uint64_t *out)
{
	char *end;

	if (strcmp(s, "unlimited") == 0) {
		*out = UINT64_MAX;
		return 0;
	}
	if (!*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

/* "NAME SOFT HARD", e.g. "nofile 1048576 1048576". */
int rlimit_parse(struct rlimit_entry *r, const char *value, char *err, size_t errlen)
{
	char name[16], soft[24], hard[24];

	if (sscanf(value, "%15s %23s %23s", name, soft, hard) != 3)
		goto bad;
	r->resource = -1;
	for (size_t i = 0; i < sizeof(RLIMITS) / sizeof(RLIMITS[0]); i++)
		if (strcmp(name, RLIMITS[i].name) == 0)
			r->resource = RLIMITS[i].resource;
	if (r->resource < 0 || parse_limit(soft, &r->soft) < 0 || parse_limit(hard, &r->hard) < 0 ||
	    r->soft > r->hard)
		goto bad;
	r->name = value;
	return 0;
bad:
	snprintf(err, errlen, "parse rlimit `%s`: want `NAME SOFT HARD` with SOFT <= HARD (numbers or unlimited)", value);
	return -1;
}

int caps_parse(uint64_t *mask, const char *value, char *err, size_t errlen)
{
	char *end;

	errno = 0;
	*mask = strtoull(value, &end, 16);
	if (!*value || errno || *end) {
		snprintf(err, errlen, "parse caps `%s`: want a hex mask", value);
		return -1;
	}
	return 0;
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* The program arrives as lowercase hex of struct sock_filter[] (8 bytes each). */
int seccomp_parse(struct seccomp_prog *p, const char *value, char *err, size_t errlen)
{
	size_t n = strlen(value);

	if (n == 0 || n % 16 != 0 || n / 16 > 4096) {
		snprintf(err, errlen, "parse seccomp: want hex of 1..4096 8-byte instructions");
		return -1;
	}
	p->bytes = malloc(n / 2);
	if (!p->bytes) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < n; i += 2) {
		int hi = hexval(value[i]), lo = hexval(value[i + 1]);
		if (hi < 0 || lo < 0) {
			snprintf(err, errlen, "parse seccomp: bad hex digit");
			return -1;
		}
		p->bytes[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	p->len = n / 16;
	return 0;
}

/* Hard limits are never raised above what the monitor has: that needs
 * CAP_SYS_RESOURCE, which this host may not grant (Java decides within it). */
int setup_rlimits(const struct config *c, struct msg *m)
{
	for (size_t i = 0; i < c->nrlimits; i++) {
		const struct rlimit_entry *r = &c->rlimits[i];
		uint64_t lim[2] = { r->soft, r->hard };
		if (syscall(SYS_prlimit64, 0, r->resource, lim, NULL) < 0)
			return FAIL("setrlimit `", r->name, "`");
	}
	return 0;
}

int setup_caps_before_ids(const struct config *c, struct msg *m)
{
	if (!c->has_caps)
		return 0;
	for (int cap = 0; cap <= MAX_CAP; cap++) {
		if (c->caps & (1ULL << cap))
			continue;
		/* EINVAL: a capability this kernel does not know; nothing to drop */
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0 && errno != EINVAL)
			return FAIL("drop capability from the bounding set");
	}
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return FAIL("keep capabilities over the uid change");
	return 0;
}

int setup_caps_after_ids(const struct config *c, struct msg *m)
{
	struct cap_header h = { CAP_VERSION_3, 0 };
	struct cap_data d[2];

	if (!c->has_caps)
		return 0;
	for (int i = 0; i < 2; i++) {
		d[i].effective = d[i].permitted = (uint32_t)(c->caps >> (32 * i));
		d[i].inheritable = 0;
	}
	if (syscall(SYS_capset, &h, d) < 0)
		return FAIL("capset");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return FAIL("clear ambient capabilities");
	return 0;
}

int setup_no_new_privs(const struct config *c, struct msg *m)
{
	if (c->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return FAIL("set no_new_privs");
	return 0;
}

int setup_seccomp(const struct config *c, struct msg *m)
{
	struct sock_fprog_abi prog = { (unsigned short)c->seccomp.len, c->seccomp.bytes };

	if (!c->seccomp.bytes)
		return 0;
	if (syscall(SYS_seccomp, SECCOMP_MODE_FILTER_OP, 0, &prog) < 0)
		return FAIL("install seccomp filter");
	return 0;
}
