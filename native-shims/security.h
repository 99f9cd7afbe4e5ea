/* What the container child applies last before execve: rlimits,
 * capabilities, no_new_privs and the seccomp filter. Everything is decided
 * in Java (docs/internals.md, keys `rlimit`, `caps`, `nonewprivs`,
 * `seccomp`); config.c parses it before fork, these only make syscalls. */
#ifndef MINIPOD_SECURITY_H
#define MINIPOD_SECURITY_H

#include "config.h"
#include "errmsg.h"

/* Parsers used by config.c; 0 or -1 with err set. */
int rlimit_parse(struct rlimit_entry *r, const char *value, char *err, size_t errlen);
int caps_parse(uint64_t *mask, const char *value, char *err, size_t errlen);
int seccomp_parse(struct seccomp_prog *p, const char *value, char *err, size_t errlen);

int setup_rlimits(const struct config *c, struct msg *m);
/* Before the uid change: drops the bounding set, keeps permitted caps over setresuid. */
int setup_caps_before_ids(const struct config *c, struct msg *m);
/* After the uid change: effective = permitted = the set; inheritable and ambient empty. */
int setup_caps_after_ids(const struct config *c, struct msg *m);
int setup_no_new_privs(const struct config *c, struct msg *m);
int setup_seccomp(const struct config *c, struct msg *m);

#endif
