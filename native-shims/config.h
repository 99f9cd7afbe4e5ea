/* Monitor config: NUL-separated "key\0value\0" pairs read from fd 3.
 * Keys and op formats: docs/internals.md, "Monitor config". Parsed fully
 * before fork, so the child only reads ready-made structs. */
#ifndef MINIPOD_CONFIG_H
#define MINIPOD_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum op_kind { OP_MOUNT, OP_MKDIR, OP_MKNOD, OP_SYMLINK, OP_MAKEPRIVATE, OP_MASK, OP_READONLY, OP_WRITE };

struct op {
	enum op_kind kind;
	const char *src, *target, *fstype, *data;  /* mount; NULL for "-"; data: write's text */
	const char *path;                          /* mkdir, mknod, symlink link path, mask, readonly, write */
	unsigned long flags;                       /* mount MS_* bits */
	mode_t mode;                               /* mkdir, mknod */
	unsigned major, minor;                     /* mknod */
};

struct strv {
	const char **v;   /* NULL-terminated */
	size_t n;
};

struct ns_entry {
	int nstype;       /* CLONE_NEW* */
	const char *type; /* "net", ... */
	const char *path;
};

struct rlimit_entry {
	const char *name;  /* the config value, for messages */
	int resource;      /* RLIMIT_* */
	uint64_t soft, hard;
};

struct seccomp_prog {
	unsigned char *bytes;  /* struct sock_filter[len] */
	size_t len;
};

struct config {
	const char *log, *exit, *pidns, *root, *cwd, *path;
	struct ns_entry *ns;
	size_t nns;
	struct strv cgroups, args, env;
	int newns;        /* CLONE_NEWNS | CLONE_NEWCGROUP */
	struct op *ops, *postops;
	size_t nops, npostops;
	int has_uid, has_gid, has_groups;
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	size_t ngroups;
	const char *oom_score_adj; /* validated "-1000".."1000", or NULL */
	struct rlimit_entry *rlimits;
	size_t nrlimits;
	int has_caps, no_new_privs;
	uint64_t caps;     /* bounding = permitted = effective */
	struct seccomp_prog seccomp;
};

/* Parses buf[0..len) in place (values point into buf). On error returns -1
 * and writes a message to err. */
int config_parse(struct config *c, char *buf, size_t len, char *err, size_t errlen);
/* Parses one tab-separated op value (modified in place). */
int op_parse(struct op *op, char *value, char *err, size_t errlen);
/* Reads everything from fd (from offset 0 when seekable: the daemon's memfd
 * offset is at its end after writing). Returns a malloc'd buffer. */
char *config_read_fd(int fd, size_t *len);
void config_free(struct config *c);

#endif
